import { findByKind, ResourceType } from '../api/resources';
import { ApiError, notFound } from '../api/status';
import { matchesLabels, selectorFromObject } from '../query/labelSelector';
import { KubeObject } from '../store/objects';
import { ObjectStore } from '../store/ObjectStore';
import {
  AdmissionAttributes,
  LabelSelectorSpec,
  MatchResources,
  NamedRule,
} from './types';

const NAMESPACES = findByKind('v1', 'Namespace') as ResourceType;

const exactOrWildcard = (items: string[] | undefined, value: string) =>
  (items ?? []).some(item => item === '*' || item === value);

/** `rules.Matcher`: scope, operation, group, version and resource (with subresource) of one rule. */
function ruleMatches(rule: NamedRule, attrs: AdmissionAttributes): boolean {
  const isNamespace = attrs.rt === NAMESPACES;
  const scope = rule.scope ?? '*';
  if (scope === 'Namespaced' && (isNamespace || attrs.namespace === ''))
    return false;
  if (scope === 'Cluster' && !(isNamespace || attrs.namespace === ''))
    return false;
  if (scope !== '*' && scope !== 'Namespaced' && scope !== 'Cluster')
    return false;
  if (!exactOrWildcard(rule.operations, attrs.operation)) return false;
  if (!exactOrWildcard(rule.apiGroups, attrs.rt.group)) return false;
  if (!exactOrWildcard(rule.apiVersions, attrs.rt.version)) return false;
  const resourceMatch = (rule.resources ?? []).some(entry => {
    const slash = entry.indexOf('/');
    const res = slash < 0 ? entry : entry.slice(0, slash);
    const sub = slash < 0 ? '' : entry.slice(slash + 1);
    return (
      (res === '*' || res === attrs.rt.plural) &&
      (sub === '*' || sub === attrs.subresource)
    );
  });
  if (!resourceMatch) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(attrs.name);
}

function anyRuleMatches(
  rules: NamedRule[] | undefined,
  attrs: AdmissionAttributes,
) {
  return (rules ?? []).some(rule => ruleMatches(rule, attrs));
}

function parsedSelector(spec: LabelSelectorSpec | undefined) {
  const { selector, problems } = selectorFromObject(spec ?? {});
  if (!selector)
    throw new ApiError(
      500,
      'InternalError',
      `Internal error occurred: ${problems.join('; ')}`,
    );
  return selector;
}

/** `namespace.Matcher`: cluster-scoped objects other than Namespaces always match. */
function namespaceSelectorMatches(
  store: ObjectStore,
  spec: LabelSelectorSpec | undefined,
  attrs: AdmissionAttributes,
): boolean {
  const isNamespace = attrs.rt === NAMESPACES;
  if (attrs.namespace === '' && !isNamespace) return true;
  const selector = parsedSelector(spec);
  if (selector.length === 0) return true;
  let labels: Record<string, string> | undefined;
  if (isNamespace && !attrs.subresource && attrs.operation !== 'DELETE') {
    labels = attrs.object?.metadata.labels;
  } else {
    const ns = store.get(NAMESPACES, undefined, attrs.namespace);
    if (!ns) throw notFound(NAMESPACES, attrs.namespace);
    labels = ns.metadata.labels;
  }
  return matchesLabels(selector, labels);
}

/** `object.Matcher`: the new or the old object's labels must match. */
function objectSelectorMatches(
  spec: LabelSelectorSpec | undefined,
  attrs: AdmissionAttributes,
): boolean {
  const selector = parsedSelector(spec);
  if (selector.length === 0) return true;
  const matches = (obj: KubeObject | null) =>
    obj !== null && matchesLabels(selector, obj.metadata.labels);
  return matches(attrs.object) || matches(attrs.oldObject);
}

function attempt(check: () => boolean): { matches: boolean; error?: Error } {
  try {
    return { matches: check() };
  } catch (e) {
    return { matches: false, error: e as Error };
  }
}

/**
 * `matching.Matcher.Matches`: namespace and object selectors, excluded rules, then resource rules (none means
 * every resource). Selector errors count only for requests the rules select, as on the API server. Only
 * one version of each resource is served, so `matchPolicy: Equivalent` finds nothing beyond `Exact`.
 */
export function matchesResources(
  store: ObjectStore,
  match: MatchResources,
  attrs: AdmissionAttributes,
): boolean {
  const ns = attempt(() =>
    namespaceSelectorMatches(store, match.namespaceSelector, attrs),
  );
  if (!ns.matches && !ns.error) return false;
  const obj = attempt(() => objectSelectorMatches(match.objectSelector, attrs));
  if (!obj.matches && !obj.error) return false;
  if (anyRuleMatches(match.excludeResourceRules, attrs)) return false;
  const rules = match.resourceRules ?? [];
  if (rules.length > 0 && !anyRuleMatches(rules, attrs)) return false;
  if (ns.error) throw ns.error;
  if (obj.error) throw obj.error;
  return true;
}
