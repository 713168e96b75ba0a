/**
 * Guardrails for Backstage: the component Guardrails tab and overview card.
 *
 * @packageDocumentation
 */
export {
  guardrailsPlugin,
  EntityGuardrailsContent,
  EntityGuardrailsCard,
} from './plugin';
export { guardrailsApiRef } from './api/GuardrailsApi';
export type { GuardrailsApi } from './api/GuardrailsApi';
export { GuardrailsClient } from './api/GuardrailsClient';
export type {
  EntityReport,
  EnvironmentReport,
  ReportViolation,
} from './api/types';
export { isGuardrailsAvailable, KUBERNETES_MAPPING_ANNOTATIONS } from './mapping';
