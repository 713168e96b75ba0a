import {
  CompiledPack,
  isAdmissionOnly,
} from '@guardrails-dev/plugin-guardrails-engine';

/** A kind by API group, as guardrails match it (`""` is the core group). */
export interface GroupKind {
  group: string;
  kind: string;
}

/**
 * The kinds the pack's guardrails match, which the audit lists in addition to the suite's own. Wildcards are left
 * out: the audit lists named kinds only, and a `*` rule still sees the suite's kinds. Admission-only guardrails
 * (deletions) have no live objects to read.
 */
export function packKinds(pack: CompiledPack): GroupKind[] {
  const seen = new Map<string, GroupKind>();
  for (const { guardrail } of pack.guardrails) {
    if (isAdmissionOnly(guardrail)) continue;
    for (const rule of guardrail.match.resources) {
      for (const group of rule.apiGroups) {
        for (const kind of rule.kinds) {
          if (group === '*' || kind === '*') continue;
          seen.set(`${group}/${kind}`, { group, kind });
        }
      }
    }
  }
  return [...seen.values()];
}

/** `DatabaseClaim.platform.example.org`, or `Pod` for the core group, as kubectl names a kind. */
export function describeGroupKind({ group, kind }: GroupKind): string {
  return group === '' ? kind : `${kind}.${group}`;
}
