export { FixFirst } from './FixFirst';
