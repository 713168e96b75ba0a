export { ViolationsView } from './ViolationsView';
