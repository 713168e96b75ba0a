import {
  Guardrail,
  GuardrailOverride,
} from '@guardrails-dev/plugin-guardrails-common';
import { paramKind } from './readParams';

/** A problem with an override, at a path inside its document. */
export interface OverrideProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * Applies an override: parameters are merged by top-level key (each key must
 * be declared by the guardrail and keep its kind, so typos cannot silently
 * disable a check); a rollout replaces the whole plan.
 */
export function applyOverride(
  guardrail: Guardrail,
  override: GuardrailOverride,
): { guardrail: Guardrail; problems: OverrideProblem[] } {
  const problems: OverrideProblem[] = [];
  let params = guardrail.params;
  if (override.params) {
    const declared = guardrail.params ?? {};
    for (const [key, value] of Object.entries(override.params)) {
      if (!(key in declared)) {
        const known = Object.keys(declared);
        problems.push({
          path: ['spec', 'params', key],
          message: `guardrail ${guardrail.id} has no parameter "${key}"${
            known.length ? ` (it has: ${known.join(', ')})` : ' (it has none)'
          }`,
        });
      } else if (paramKind(value) !== paramKind(declared[key])) {
        problems.push({
          path: ['spec', 'params', key],
          message: `must be a ${paramKind(declared[key])} like the default of ${
            guardrail.id
          }, got a ${paramKind(value)}`,
        });
      }
    }
    params = { ...declared, ...override.params };
  }
  if (problems.length > 0) {
    return { guardrail, problems };
  }
  const updated: Guardrail = { ...guardrail };
  if (params) updated.params = params;
  if (override.rollout) updated.rollout = override.rollout;
  return { guardrail: updated, problems };
}
