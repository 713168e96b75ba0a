export { ReadinessView } from './ReadinessView';
