/**
 * Catalog module that puts guardrail compliance on components and namespace resources.
 *
 * @packageDocumentation
 */
export { catalogModuleGuardrails as default } from './module';
export { GuardrailsEntityProcessor } from './processor/GuardrailsEntityProcessor';
export type { ComplianceSnapshot } from './processor/types';
export { SummarySnapshot } from './processor/SummarySnapshot';
