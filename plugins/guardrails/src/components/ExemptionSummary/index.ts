export { ExemptionSummary } from './ExemptionSummary';
