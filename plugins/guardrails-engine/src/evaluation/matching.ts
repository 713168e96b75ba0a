import {
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
