import {
  Exemption,
  Guardrail,
  GuardrailPack,
  PackLocation,
} from '@guardrails-dev/plugin-guardrails-common';
import { applyOverride } from './applyOverride';
import { formatFieldPath } from './fieldPath';
import { PackProblem, PackValidationError } from './PackValidationError';

function problemAt(
  location: PackLocation | undefined,
  documentName: string,
  path: Array<string | number>,
  message: string,
): PackProblem {
  return {
    file: location?.file ?? '<unknown>',
    documentIndex: location?.documentIndex ?? 0,
    documentName,
    field: formatFieldPath(path),
    message,
  };
}

/**
 * Layers `override` (e.g. a platform pack) onto `base` (e.g. the default
 * pack): a guardrail with the same ID replaces the base one in place, new ones
 * are appended; an exemption with the same name replaces the base one;
 * `GuardrailOverride` documents of either pack are applied to the result.
 * Throws a {@link PackValidationError} when an override or exemption names a
 * guardrail that is in neither pack, or an override does not fit its target.
 * @public
 */
export function mergePacks(
  base: GuardrailPack,
  override: GuardrailPack,
): GuardrailPack {
  const guardrails = new Map<string, Guardrail>(
    base.guardrails.map(g => [g.id, g]),
  );
  for (const guardrail of override.guardrails) {
    guardrails.set(guardrail.id, guardrail);
  }
  const exemptions = new Map<string, Exemption>(
    base.exemptions.map(e => [e.name, e]),
  );
  for (const exemption of override.exemptions) {
    exemptions.set(exemption.name, exemption);
  }

  const problems: PackProblem[] = [];
  for (const pending of [...base.overrides, ...override.overrides]) {
    const target = guardrails.get(pending.guardrail);
    if (!target) {
      problems.push(
        problemAt(
          pending.location,
          pending.guardrail,
          ['metadata', 'name'],
          `unknown guardrail "${pending.guardrail}"`,
        ),
      );
      continue;
    }
    const applied = applyOverride(target, pending);
    applied.problems.forEach(p =>
      problems.push(
        problemAt(pending.location, pending.guardrail, p.path, p.message),
      ),
    );
    guardrails.set(target.id, applied.guardrail);
  }
  for (const exemption of exemptions.values()) {
    exemption.guardrails.forEach((id, index) => {
      if (!guardrails.has(id)) {
        problems.push(
          problemAt(
            exemption.location,
            exemption.name,
            ['spec', 'guardrails', index],
            `unknown guardrail "${id}"`,
          ),
        );
      }
    });
  }
  if (problems.length > 0) {
    throw new PackValidationError(problems);
  }
  return {
    guardrails: [...guardrails.values()],
    exemptions: [...exemptions.values()],
    overrides: [],
  };
}
