/**
 * Guardrails for Backstage in the new frontend system.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
export {
  guardrailsApi,
  guardrailsEntityCard,
  guardrailsEntityContent,
  guardrailsEnvironmentPickerField,
  guardrailParameterPickerField,
  guardrailsPage,
} from './extensions';
