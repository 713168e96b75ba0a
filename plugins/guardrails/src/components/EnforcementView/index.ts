export { EnforcementView } from './EnforcementView';
