import { ResourceType } from '../api/resources';
import { isPlainObject, JsonObject, KubeObject } from '../store/objects';

export const ADMISSION_GROUP = 'admissionregistration.k8s.io';

/** Whether a type is ValidatingAdmissionPolicy or its binding. */
export function isPolicyType(
  rt: Pick<ResourceType, 'group' | 'kind'>,
): 'policy' | 'binding' | undefined {
  if (rt.group !== ADMISSION_GROUP) return undefined;
  if (rt.kind === 'ValidatingAdmissionPolicy') return 'policy';
  if (rt.kind === 'ValidatingAdmissionPolicyBinding') return 'binding';
  return undefined;
}

function defaultRules(rules: unknown): void {
  if (!Array.isArray(rules)) return;
  for (const rule of rules) {
    if (isPlainObject(rule) && rule.scope === undefined) rule.scope = '*';
  }
}

/** `SetDefaults_MatchResources` and `SetDefaults_Rule` of admissionregistration/v1. */
function defaultMatchResources(match: JsonObject): void {
  match.matchPolicy ??= 'Equivalent';
  match.namespaceSelector ??= {};
  match.objectSelector ??= {};
  defaultRules(match.resourceRules);
  defaultRules(match.excludeResourceRules);
}

/**
 * Fills in the defaults the API server gives ValidatingAdmissionPolicy (`failurePolicy: Fail`) and both kinds'
 * match resources (`matchPolicy: Equivalent`, empty selectors, rule `scope: "*"`). Changes `obj` in place.
 */
export function applyPolicyDefaults(rt: ResourceType, obj: KubeObject): void {
  const which = isPolicyType(rt);
  if (!which || !isPlainObject(obj.spec)) return;
  const spec = obj.spec;
  if (which === 'policy') {
    spec.failurePolicy ??= 'Fail';
    if (isPlainObject(spec.matchConstraints))
      defaultMatchResources(spec.matchConstraints);
  } else if (isPlainObject(spec.matchResources)) {
    defaultMatchResources(spec.matchResources);
  }
}
