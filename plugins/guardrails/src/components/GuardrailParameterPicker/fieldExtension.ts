import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { guardrailsPlugin } from '../../plugin';
import { GuardrailParameterPicker } from './GuardrailParameterPicker';
import {
  GUARDRAIL_PARAMETER_PICKER,
  GuardrailParameterPickerFieldSchema,
} from './schema';
import { validateGuardrailParameterChoice } from './validation';

/**
 * The `GuardrailParameterPicker` template field: one of the values a guardrail's parameter allows, with
 * `ui:options` `guardrail` and `parameter`. Place it inside `<ScaffolderFieldExtensions>` of the scaffolder page.
 *
 * @public
 */
export const GuardrailParameterPickerFieldExtension = guardrailsPlugin.provide(
  createScaffolderFieldExtension({
    name: GUARDRAIL_PARAMETER_PICKER,
    component: GuardrailParameterPicker,
    validation: validateGuardrailParameterChoice,
    schema: GuardrailParameterPickerFieldSchema.schema,
  }),
);
