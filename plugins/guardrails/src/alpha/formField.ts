import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  GUARDRAILS_ENVIRONMENT_PICKER,
  GuardrailsEnvironmentPicker,
  GuardrailsEnvironmentPickerFieldSchema,
  validateGuardrailsEnvironmentChoice,
} from '../components/GuardrailsEnvironmentPicker';
// Not the folder's index, which also holds the legacy extension and so the legacy plugin.
import { GuardrailParameterPicker } from '../components/GuardrailParameterPicker/GuardrailParameterPicker';
import {
  GUARDRAIL_PARAMETER_PICKER,
  GuardrailParameterPickerFieldSchema,
} from '../components/GuardrailParameterPicker/schema';
import { validateGuardrailParameterChoice } from '../components/GuardrailParameterPicker/validation';

/** The `GuardrailsEnvironmentPicker` template field in the new frontend system. */
export const guardrailsEnvironmentPickerFormField = createFormField({
  name: GUARDRAILS_ENVIRONMENT_PICKER,
  component: GuardrailsEnvironmentPicker,
  validation: validateGuardrailsEnvironmentChoice,
  schema: GuardrailsEnvironmentPickerFieldSchema,
});

/** The `GuardrailParameterPicker` template field in the new frontend system. */
export const guardrailParameterPickerFormField = createFormField({
  name: GUARDRAIL_PARAMETER_PICKER,
  component: GuardrailParameterPicker,
  validation: validateGuardrailParameterChoice,
  schema: GuardrailParameterPickerFieldSchema,
});
