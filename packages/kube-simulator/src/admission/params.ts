import { ResourceType } from '../api/resources';
import { ResourceRegistry } from '../api/ResourceRegistry';
import { matchesLabels, selectorFromObject } from '../query/labelSelector';
import { cloneJson, KubeObject } from '../store/objects';
import { ObjectStore } from '../store/ObjectStore';
import { BindingSpec, PolicySpec } from './types';

/** `schema.GroupVersionKind.String()`: `apps/v1, Kind=Deployment`, `/v1, Kind=ConfigMap`. */
function gvkString(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/', 2)
    : ['', apiVersion];
  return `${group}/${version}, Kind=${kind}`;
}

/**
 * The parameter type of a policy, or the configuration error the API server reports for a paramKind it
 * does not serve. Undefined when the policy takes no parameters.
 */
export function resolveParamKind(
  spec: PolicySpec,
  types: ResourceRegistry,
): { rt: ResourceType } | { error: string } | undefined {
  const paramKind = spec.paramKind;
  if (!paramKind) return undefined;
  const apiVersion = String(paramKind.apiVersion ?? '');
  const kind = String(paramKind.kind ?? '');
  const rt = types.byKind(apiVersion, kind);
  if (!rt)
    return {
      error: `failed to find resource referenced by paramKind: '${gvkString(
        apiVersion,
        kind,
      )}'`,
    };
  return { rt };
}

/**
 * `generic.CollectParams`: the parameter objects a binding evaluates its policy with. `[null]` when the
 * policy has no paramKind or the binding no paramRef; an empty list when none is found and the binding allows
 * that; throws an Error with the API server's message for configuration errors.
 */
export function collectParams(
  store: ObjectStore,
  paramType: ResourceType | undefined,
  binding: BindingSpec,
  requestNamespace: string,
): Array<KubeObject | null> {
  const ref = binding.paramRef;
  if (!paramType || !ref) return [null];
  let namespace: string | undefined;
  if (paramType.namespaced) {
    namespace = ref.namespace || requestNamespace;
    if (!namespace)
      throw new Error(
        'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources',
      );
  } else if (ref.namespace) {
    throw new Error(
      'paramRef.namespace must not be provided for a cluster-scoped `paramKind`',
    );
  }
  let params: KubeObject[];
  if (ref.name) {
    const found = store.get(paramType, namespace, ref.name);
    params = found ? [found] : [];
  } else if (ref.selector) {
    const { selector, problems } = selectorFromObject(ref.selector);
    if (!selector) throw new Error(problems.join('; '));
    params = store
      .scan(paramType, namespace, o =>
        matchesLabels(selector, o.metadata.labels),
      )
      .map(e => cloneJson(e.object) as KubeObject);
  } else {
    throw new Error('one of name or selector must be provided');
  }
  if (params.length === 0 && ref.parameterNotFoundAction === 'Deny') {
    throw new Error(
      'no params found for policy binding with `Deny` parameterNotFoundAction',
    );
  }
  return params;
}
