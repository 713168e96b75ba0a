export { ComplianceStatus } from './ComplianceStatus';
