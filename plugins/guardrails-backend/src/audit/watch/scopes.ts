import { KubernetesManifest } from '@guardrails-dev/plugin-guardrails-engine';

/**
 * What a change re-evaluates. Evaluation reads nothing outside an object's namespace (its Namespace object, the
 * namespace's other objects, the workload a pod belongs to), so a namespace is evaluated whole: the Namespace object
 * with every object in it. A cluster-scoped object other than a Namespace is evaluated alone.
 */
export type Scope =
  | { namespace: string }
  | { apiVersion: string; kind: string; name: string };

/** A scope as a map key. */
export function scopeKey(scope: Scope): string {
  return 'namespace' in scope
    ? `ns|${scope.namespace}`
    : `obj|${scope.apiVersion}|${scope.kind}|${scope.name}`;
}

/** The scope an object's change re-evaluates. */
export function scopeOf(object: KubernetesManifest): Scope {
  const name = object.metadata?.name ?? '';
  const namespace = object.metadata?.namespace;
  if (namespace) return { namespace };
  if (object.apiVersion === 'v1' && object.kind === 'Namespace') {
    return { namespace: name };
  }
  return { apiVersion: object.apiVersion, kind: object.kind, name };
}
