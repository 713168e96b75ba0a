import {
  isKubernetesManifest,
  KubernetesManifest,
  KubernetesObject,
  kubernetesObjectProblem,
} from '../manifests/kubernetesObject';

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The name to report an object under; `generateName` objects get a trailing `*`. */
export function nameOf(object: KubernetesObject): string {
  const metadata = object.metadata ?? {};
  if (metadata.name) return metadata.name;
  return metadata.generateName ? `${metadata.generateName}*` : '';
}

export function namespaceOf(object: KubernetesObject): string | undefined {
  return object.metadata?.namespace || undefined;
}

export function labelsOf(object: KubernetesObject): Record<string, string> {
  return object.metadata?.labels ?? {};
}

export function isNamespace(object: KubernetesObject): boolean {
  return (
    object.kind === 'Namespace' && apiGroupOf(object.apiVersion ?? '') === ''
  );
}

/** Throws a clear error when an input is not a Kubernetes object. */
export function assertKubernetesObject(
  value: unknown,
  index: number,
): KubernetesManifest {
  if (!isKubernetesManifest(value)) {
    throw new TypeError(
      `objects[${index}] is not a Kubernetes object: it ${kubernetesObjectProblem(
        value,
      )}`,
    );
  }
  return value;
}
