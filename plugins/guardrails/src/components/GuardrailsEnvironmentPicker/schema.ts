import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/**
 * The value and options of the `GuardrailsEnvironmentPicker` template field.
 *
 * @public
 */
export const GuardrailsEnvironmentPickerFieldSchema = makeFieldSchema({
  output: z =>
    z.object({
      environment: z
        .string()
        .describe('Name of a configured environment, e.g. prod'),
      size: z
        .string()
        .describe('Name of a size profile of that environment, e.g. small'),
    }),
  uiOptions: z =>
    z.object({
      environments: z
        .array(z.string())
        .optional()
        .describe(
          'Offer only these environments (default: all configured environments)',
        ),
    }),
});

/**
 * What the field puts into the template parameters.
 *
 * @public
 */
export type GuardrailsEnvironmentPickerValue =
  typeof GuardrailsEnvironmentPickerFieldSchema.TOutput;

/**
 * `ui:options` of the field.
 *
 * @public
 */
export type GuardrailsEnvironmentPickerUiOptions =
  typeof GuardrailsEnvironmentPickerFieldSchema.uiOptionsType;

/**
 * Props of the field component.
 *
 * @public
 */
export type GuardrailsEnvironmentPickerProps =
  typeof GuardrailsEnvironmentPickerFieldSchema.TProps;

/** The name template authors write as `ui:field`. */
export const GUARDRAILS_ENVIRONMENT_PICKER = 'GuardrailsEnvironmentPicker';
