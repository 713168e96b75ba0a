export {
  GuardrailsEnvironmentPicker,
  enforcementSummary,
} from './GuardrailsEnvironmentPicker';
export {
  GuardrailsEnvironmentPickerFieldSchema,
  GUARDRAILS_ENVIRONMENT_PICKER,
} from './schema';
export type {
  GuardrailsEnvironmentPickerProps,
  GuardrailsEnvironmentPickerUiOptions,
  GuardrailsEnvironmentPickerValue,
} from './schema';
export { validateGuardrailsEnvironmentChoice } from './validation';
