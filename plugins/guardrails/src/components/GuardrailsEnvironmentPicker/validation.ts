import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import type { ApiEnvironment } from '@guardrails-dev/plugin-guardrails-common';
import { guardrailsApiRef } from '../../api/GuardrailsApi';
import { describeError } from '../../domain/errors';
import type {
  GuardrailsEnvironmentPickerUiOptions,
  GuardrailsEnvironmentPickerValue,
} from './schema';

/** The environments a field offers: all configured ones, or those listed in `ui:options.environments`. */
export function offeredEnvironments(
  environments: ApiEnvironment[],
  allowed?: string[],
): ApiEnvironment[] {
  return allowed && allowed.length > 0
    ? environments.filter(env => allowed.includes(env.name))
    : environments;
}

/**
 * The problems of a chosen value against the offered environments, as messages for the template user; empty when
 * the value is valid.
 */
export function environmentChoiceProblems(
  value: Partial<GuardrailsEnvironmentPickerValue> | undefined,
  environments: ApiEnvironment[],
): string[] {
  if (!value?.environment) {
    return ['Choose an environment.'];
  }
  const environment = environments.find(env => env.name === value.environment);
  if (!environment) {
    const names = environments.map(env => env.name).join(', ');
    return [
      `Environment "${value.environment}" is not offered here; choose one of: ${
        names || 'none configured'
      }.`,
    ];
  }
  if (!value.size) {
    return [`Choose a size for ${environment.name}.`];
  }
  if (!environment.sizes.some(size => size.name === value.size)) {
    const names = environment.sizes.map(size => size.name).join(', ');
    return [
      `Size "${value.size}" does not exist in ${
        environment.name
      }; choose one of: ${names || 'none configured'}.`,
    ];
  }
  return [];
}

/**
 * Validates the field when the template step is submitted: an environment is chosen, it is configured (and
 * offered by the field), and the size exists in it. Reads the environments from the guardrails backend, so a
 * value given by a template default or a URL is checked too.
 *
 * @public
 */
export const validateGuardrailsEnvironmentChoice: CustomFieldValidator<
  GuardrailsEnvironmentPickerValue,
  GuardrailsEnvironmentPickerUiOptions
> = async (value, validation, context) => {
  if (!value?.environment) {
    validation.addError('Choose an environment.');
    return;
  }
  const api = context.apiHolder.get(guardrailsApiRef);
  if (!api) {
    validation.addError(
      'The guardrails plugin is not installed in this app, so the environment cannot be checked.',
    );
    return;
  }
  let environments: ApiEnvironment[];
  try {
    environments = (await api.getEnvironments()).environments;
  } catch (error) {
    validation.addError(
      `Could not check the environment: ${describeError(error)}`,
    );
    return;
  }
  const offered = offeredEnvironments(
    environments,
    context.uiSchema?.['ui:options']?.environments,
  );
  for (const problem of environmentChoiceProblems(value, offered)) {
    validation.addError(problem);
  }
};
