import { findByKind, ResourceType } from '../api/resources';
import { ObjectStore } from '../store/ObjectStore';
import { namespaceValue, objectValue, requestValue } from './celInputs';
import { compilePolicy } from './compilePolicy';
import { Denial, denialError, validationFailureAnnotation } from './denial';
import { matchesResources } from './matching';
import { collectParams, resolveParamKind } from './params';
import { isPolicyType } from './policyDefaults';
import {
  AdmissionAttributes,
  BindingObject,
  PolicyObject,
  RequestAdmission,
} from './types';
import { validatePolicy } from './validatePolicy';

const POLICIES = findByKind(
  'admissionregistration.k8s.io/v1',
  'ValidatingAdmissionPolicy',
) as ResourceType;
const BINDINGS = findByKind(
  'admissionregistration.k8s.io/v1',
  'ValidatingAdmissionPolicyBinding',
) as ResourceType;
const NAMESPACES = findByKind('v1', 'Namespace') as ResourceType;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Policies with their bindings, in name order. Bindings naming an absent policy are skipped and policies
 * without bindings do nothing, as in the API server's policy source.
 */
function policyHooks(
  store: ObjectStore,
): Array<{ policy: PolicyObject; bindings: BindingObject[] }> {
  const bindings = store.scan(BINDINGS).map(e => e.object as BindingObject);
  return store
    .scan(POLICIES)
    .map(e => ({
      policy: e.object as PolicyObject,
      bindings: bindings.filter(
        b => b.spec?.policyName === e.object.metadata.name,
      ),
    }))
    .filter(h => h.bindings.length > 0);
}

/** Collects `auditAnnotations` per policy; equal values from several bindings appear once. */
function publishAnnotations(
  policyName: string,
  values: Map<string, string[]>,
  ctx: RequestAdmission,
): void {
  for (const [key, list] of values) {
    const full = `${policyName}/${key}`;
    ctx.annotations[full] ??= list.join(', ');
  }
}

/**
 * ValidatingAdmissionPolicy admission of one write, as the API server's dispatcher runs it: every policy
 * matching the request, each of its matching bindings, each parameter. `Warn` failures become warnings,
 * `Audit` failures audit annotations, and the first `Deny` failure (or configuration error under
 * `failurePolicy: Fail`) refuses the request with a Status naming the policy and binding. Writes to the
 * policies and bindings themselves are exempt.
 */
export function admit(
  store: ObjectStore,
  attrs: AdmissionAttributes,
  ctx: RequestAdmission,
): void {
  if (isPolicyType(attrs.rt)) return;
  const hooks = policyHooks(store);
  if (hooks.length === 0) return;
  const denied: Denial[] = [];
  const base = {
    object: objectValue(attrs.object),
    oldObject: objectValue(attrs.oldObject),
    request: requestValue(attrs),
  };
  let namespaceObject: unknown;
  const namespaceOf = () => {
    if (namespaceObject !== undefined) return namespaceObject;
    // The Namespace object itself carries its own name as namespace; CEL gets no namespaceObject for it.
    const name = attrs.rt === NAMESPACES ? '' : attrs.namespace;
    namespaceObject = name
      ? namespaceValue(store.get(NAMESPACES, undefined, name))
      : null;
    return namespaceObject;
  };
  for (const { policy, bindings } of hooks) {
    const spec = policy.spec ?? {};
    const policyName = policy.metadata.name ?? '';
    const failurePolicy = spec.failurePolicy ?? 'Fail';
    const configError = (text: string, binding?: BindingObject) => {
      if (failurePolicy !== 'Ignore')
        denied.push({ policy: policyName, binding, message: text });
    };
    try {
      if (!spec.matchConstraints)
        throw new Error(
          'policy contained no match constraints, a required field',
        );
      if (!matchesResources(store, spec.matchConstraints, attrs)) continue;
    } catch (e) {
      configError(`failed to configure policy: ${message(e)}`);
      continue;
    }
    const paramKind = resolveParamKind(spec, store.types);
    if (paramKind && 'error' in paramKind) {
      configError(`failed to configure policy: ${paramKind.error}`);
      continue;
    }
    const compiled = compilePolicy(policy);
    const annotations = new Map<string, string[]>();
    for (const binding of bindings) {
      let params;
      try {
        const match = binding.spec.matchResources;
        if (match && !matchesResources(store, match, attrs)) continue;
        params = collectParams(
          store,
          paramKind?.rt,
          binding.spec,
          attrs.namespace,
        );
      } catch (e) {
        configError(`failed to configure binding: ${message(e)}`, binding);
        continue;
      }
      const actions = binding.spec.validationActions ?? [];
      for (const param of params) {
        const result = validatePolicy(
          compiled,
          {
            ...base,
            namespaceObject: namespaceOf(),
            params: objectValue(param),
          },
          failurePolicy,
        );
        result.decisions.forEach((decision, index) => {
          if (decision.action !== 'deny') return;
          const bindingName = binding.metadata.name ?? '';
          if (actions.includes('Deny'))
            denied.push({ policy: policyName, binding, ...decision });
          if (actions.includes('Audit')) {
            const [key, value] = validationFailureAnnotation(
              policyName,
              binding,
              index,
              decision.message,
            );
            ctx.annotations[key] ??= value;
          }
          if (actions.includes('Warn'))
            ctx.addWarning(
              `Validation failed for ValidatingAdmissionPolicy '${policyName}' with binding '${bindingName}': ${decision.message}`,
            );
        });
        for (const annotation of result.auditAnnotations) {
          if (annotation.action === 'publish') {
            const list = annotations.get(annotation.key) ?? [];
            const value = annotation.value.slice(0, 10 * 1024);
            if (!list.includes(value)) list.push(value);
            annotations.set(annotation.key, list);
          } else if (annotation.action === 'error') {
            denied.push({
              policy: policyName,
              binding,
              message: annotation.error,
            });
          }
        }
      }
    }
    publishAnnotations(policyName, annotations, ctx);
  }
  if (denied.length > 0) throw denialError(attrs, denied);
}
