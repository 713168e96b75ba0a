import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';

/** The values a guardrail's parameter allows, or why none can be offered. */
export type AllowedValues =
  | { guardrail: ApiGuardrail; values: string[] }
  | { problem: string };

/**
 * The values listed by parameter `parameter` of guardrail `guardrailId`. Anything but a non-empty list of strings
 * and numbers is a problem, never an empty or free choice: the field must not offer what the guardrail refuses.
 */
export function allowedValues(
  guardrails: ApiGuardrail[],
  guardrailId: string | undefined,
  parameter: string | undefined,
): AllowedValues {
  if (!guardrailId || !parameter) {
    return {
      problem:
        'The template does not say which guardrail parameter lists the allowed values (ui:options guardrail and parameter).',
    };
  }
  const guardrail = guardrails.find(g => g.id === guardrailId);
  if (!guardrail) {
    return {
      problem: `Guardrail ${guardrailId} is not in the platform's pack, so the allowed values are unknown. Ask the platform team to load it, or the template's owner to name an existing guardrail.`,
    };
  }
  const value = guardrail.params?.[parameter];
  if (value === undefined) {
    return {
      problem: `Guardrail ${guardrailId} has no parameter ${parameter}, so the allowed values are unknown.`,
    };
  }
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every(v => typeof v === 'string' || typeof v === 'number')
  ) {
    return {
      problem: `Parameter ${parameter} of guardrail ${guardrailId} is not a list of values to choose from.`,
    };
  }
  return { guardrail, values: value.map(String) };
}
