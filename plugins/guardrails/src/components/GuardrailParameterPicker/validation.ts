import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { guardrailsApiRef } from '../../api/GuardrailsApi';
import { describeError } from '../../domain/errors';
import { allowedValues } from './allowedValues';
import type {
  GuardrailParameterPickerUiOptions,
  GuardrailParameterPickerValue,
} from './schema';

/**
 * Validates the field when the template step is submitted: the value is one the guardrail's parameter lists now.
 * Reads the guardrails from the backend, so a value given by a template default or a URL is checked too. An empty
 * value is left to the schema's `required`.
 *
 * @public
 */
export const validateGuardrailParameterChoice: CustomFieldValidator<
  GuardrailParameterPickerValue,
  GuardrailParameterPickerUiOptions
> = async (value, validation, context) => {
  if (value === undefined || value === '') {
    return;
  }
  const api = context.apiHolder.get(guardrailsApiRef);
  if (!api) {
    validation.addError(
      'The guardrails plugin is not installed in this app, so the value cannot be checked.',
    );
    return;
  }
  let guardrails: ApiGuardrail[];
  try {
    guardrails = (await api.getGuardrails()).guardrails;
  } catch (error) {
    validation.addError(`Could not check the value: ${describeError(error)}`);
    return;
  }
  const options = context.uiSchema?.['ui:options'];
  const allowed = allowedValues(
    guardrails,
    options?.guardrail,
    options?.parameter,
  );
  if ('problem' in allowed) {
    validation.addError(allowed.problem);
    return;
  }
  if (!allowed.values.includes(String(value))) {
    validation.addError(
      `"${value}" is not allowed by guardrail ${
        allowed.guardrail.id
      }; choose one of: ${allowed.values.join(', ')}.`,
    );
  }
};
