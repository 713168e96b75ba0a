export { ViolationLevel } from './ViolationLevel';
