import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  GUARDRAILS_ENVIRONMENT_PICKER,
  GuardrailsEnvironmentPicker,
  GuardrailsEnvironmentPickerFieldSchema,
  validateGuardrailsEnvironmentChoice,
} from '../components/GuardrailsEnvironmentPicker';

/** The `GuardrailsEnvironmentPicker` template field in the new frontend system. */
export const guardrailsEnvironmentPickerFormField = createFormField({
  name: GUARDRAILS_ENVIRONMENT_PICKER,
  component: GuardrailsEnvironmentPicker,
  validation: validateGuardrailsEnvironmentChoice,
  schema: GuardrailsEnvironmentPickerFieldSchema,
});
