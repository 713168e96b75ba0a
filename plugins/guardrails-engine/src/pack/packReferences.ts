import {
  Exemption,
  Guardrail,
  GuardrailOverride,
} from '@guardrails-dev/plugin-guardrails-common';
import { parseInstant } from '../time';
import { applyOverride } from './applyOverride';
import { describeDocument, PackDocument } from './packDocuments';
import { PackProblem } from './PackValidationError';

/** A value read from a pack document, with the document, to report problems found later. */
export interface FromDocument<T> {
  value: T;
  document: PackDocument;
}

/**
 * Reports exemptions naming guardrails that are neither in the pack nor known
 * elsewhere; returns warnings for those that already expired.
 */
export function checkExemptions(
  exemptions: ReadonlyArray<FromDocument<Exemption>>,
  isKnown: (id: string) => boolean,
  now: Date,
): PackProblem[] {
  const warnings: PackProblem[] = [];
  for (const { value: exemption, document } of exemptions) {
    exemption.guardrails.forEach((id, index) => {
      if (!isKnown(id)) {
        document.report(
          ['spec', 'guardrails', index],
          `unknown guardrail "${id}"`,
        );
      }
    });
    const expiresAt = parseInstant(exemption.expiresAt)!;
    if (expiresAt.getTime() <= now.getTime()) {
      warnings.push({
        file: document.location.file,
        documentIndex: document.location.documentIndex,
        documentName: exemption.name,
        field: 'spec.expiresAt',
        message: `expired at ${exemption.expiresAt}; it no longer applies`,
      });
    }
  }
  return warnings;
}

/**
 * Applies each override to the pack's guardrail of that ID, in place. Returns
 * the overrides of guardrails known only elsewhere, to be applied when the
 * packs are merged; reports a second override of one guardrail and overrides
 * of guardrails known nowhere.
 */
export function applyOverrides(
  overrides: ReadonlyArray<FromDocument<GuardrailOverride>>,
  guardrails: Array<FromDocument<Guardrail>>,
  known: { declared: (id: string) => boolean; elsewhere: ReadonlySet<string> },
): GuardrailOverride[] {
  const byId = new Map(guardrails.map(entry => [entry.value.id, entry]));
  const pending: GuardrailOverride[] = [];
  const overridden = new Map<string, PackDocument>();
  for (const { value: override, document } of overrides) {
    const first = overridden.get(override.guardrail);
    if (first) {
      document.report(
        ['metadata', 'name'],
        `guardrail "${
          override.guardrail
        }" is already overridden in ${describeDocument(first)}`,
      );
      continue;
    }
    overridden.set(override.guardrail, document);
    const target = byId.get(override.guardrail);
    if (target) {
      const applied = applyOverride(target.value, override);
      applied.problems.forEach(p => document.report(p.path, p.message));
      target.value = applied.guardrail;
    } else if (known.elsewhere.has(override.guardrail)) {
      pending.push(override);
    } else if (!known.declared(override.guardrail)) {
      document.report(
        ['metadata', 'name'],
        `unknown guardrail "${override.guardrail}"`,
      );
    }
  }
  return pending;
}
