export { GuardrailParameterPicker } from './GuardrailParameterPicker';
export { GuardrailParameterPickerFieldExtension } from './fieldExtension';
export {
  GuardrailParameterPickerFieldSchema,
  GUARDRAIL_PARAMETER_PICKER,
} from './schema';
export type {
  GuardrailParameterPickerProps,
  GuardrailParameterPickerUiOptions,
  GuardrailParameterPickerValue,
} from './schema';
export { validateGuardrailParameterChoice } from './validation';
