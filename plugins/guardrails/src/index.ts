/**
 * Guardrails for Backstage: the component Guardrails tab and overview card, the platform Guardrails page and the
 * scaffolder environment picker.
 *
 * @packageDocumentation
 */
export {
  guardrailsPlugin,
  EntityGuardrailsContent,
  EntityGuardrailsCard,
  GuardrailsPage,
  GuardrailsEnvironmentPickerFieldExtension,
} from './plugin';
export type { EntityGuardrailsCardProps } from './components/EntityGuardrailsCard';
export { guardrailsApiRef } from './api/GuardrailsApi';
export type {
  GuardrailsApi,
  GuardrailHistoryOptions,
  GuardrailImpactRequest,
} from './api/GuardrailsApi';
export { GuardrailsClient } from './api/GuardrailsClient';
export {
  GuardrailsEnvironmentPickerFieldSchema,
  validateGuardrailsEnvironmentChoice,
} from './components/GuardrailsEnvironmentPicker';
export type {
  GuardrailsEnvironmentPickerProps,
  GuardrailsEnvironmentPickerUiOptions,
  GuardrailsEnvironmentPickerValue,
} from './components/GuardrailsEnvironmentPicker';
export {
  GuardrailParameterPickerFieldExtension,
  GuardrailParameterPickerFieldSchema,
  validateGuardrailParameterChoice,
} from './components/GuardrailParameterPicker';
export type {
  GuardrailParameterPickerProps,
  GuardrailParameterPickerUiOptions,
  GuardrailParameterPickerValue,
} from './components/GuardrailParameterPicker';
export { isGuardrailsAvailable } from './availability';
export { KUBERNETES_MAPPING_ANNOTATIONS } from '@guardrails-dev/plugin-guardrails-common';
