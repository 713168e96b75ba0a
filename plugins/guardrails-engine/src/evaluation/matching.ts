import {
  Guardrail,
  GuardrailMatch,
  LabelSelector,
} from '@guardrails-dev/plugin-guardrails-common';

/** Whether the match's resource rules cover this API group and kind (`*` matches any). */
export function matchesKind(
  match: GuardrailMatch,
  group: string,
  kind: string,
): boolean {
  return match.resources.some(
    rule =>
      (rule.apiGroups.includes('*') || rule.apiGroups.includes(group)) &&
      (rule.kinds.includes('*') || rule.kinds.includes(kind)),
  );
}

/** Whether a guardrail is a pod rule: it matches core Pods. */
export function isPodRule(match: GuardrailMatch): boolean {
  return matchesKind(match, '', 'Pod');
}

/**
 * Whether a guardrail runs only at admission: it checks deletions
 * (`match.operations: [DELETE]`), so audits and the CLI, which see objects
 * as they are, give it no results.
 * @public
 */
export function isAdmissionOnly(guardrail: Guardrail): boolean {
  return guardrail.match.operations?.includes('DELETE') ?? false;
}

/**
 * Kubernetes label selector semantics: all `matchLabels` and all
 * `matchExpressions` must hold; an empty selector matches everything.
 * @public
 */
export function labelSelectorMatches(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) {
      return false;
    }
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
    const value = labels[requirement.key];
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!has || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
