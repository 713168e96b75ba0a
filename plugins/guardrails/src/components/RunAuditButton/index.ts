export { RunAuditButton } from './RunAuditButton';
