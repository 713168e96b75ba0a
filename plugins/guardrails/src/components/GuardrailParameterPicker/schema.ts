import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * The value and options of the `GuardrailParameterPicker` template field.
 *
 * @public
 */
export const GuardrailParameterPickerFieldSchema = makeFieldSchema({
  output: z =>
    z
      .string()
      .describe(
        "One of the values the guardrail's parameter lists, e.g. eu-west-1",
      ),
  uiOptions: z =>
    z.object({
      guardrail: z
        .string()
        .describe(
          'ID of the guardrail whose parameter lists the allowed values, e.g. claim.allowed-regions',
        ),
      parameter: z
        .string()
        .describe(
          'Name of that parameter, a list of strings or numbers, e.g. regions',
        ),
    }),
});

/**
 * What the field puts into the template parameters.
 *
 * @public
 */
export type GuardrailParameterPickerValue =
  typeof GuardrailParameterPickerFieldSchema.TOutput;

/**
 * `ui:options` of the field.
 *
 * @public
 */
export type GuardrailParameterPickerUiOptions =
  typeof GuardrailParameterPickerFieldSchema.uiOptionsType;

/**
 * Props of the field component.
 *
 * @public
 */
export type GuardrailParameterPickerProps =
  typeof GuardrailParameterPickerFieldSchema.TProps;

/** The name template authors write as `ui:field`. */
export const GUARDRAIL_PARAMETER_PICKER = 'GuardrailParameterPicker';
