import { KubernetesObject } from '@guardrails-dev/plugin-guardrails-common';

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
  return object.kind === 'Namespace' && apiGroupOf(object.apiVersion) === '';
}

/** Throws a clear error when an input is not a Kubernetes object. */
export function assertKubernetesObject(
  value: unknown,
  index: number,
): KubernetesObject {
  const problem = (() => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return 'is not an object';
    }
    const candidate = value as Record<string, unknown>;
    if (typeof candidate.apiVersion !== 'string' || !candidate.apiVersion) {
      return 'has no apiVersion';
    }
    if (typeof candidate.kind !== 'string' || !candidate.kind) {
      return 'has no kind';
    }
    const metadata = candidate.metadata as Record<string, unknown> | undefined;
    if (
      metadata !== undefined &&
      (typeof metadata !== 'object' || metadata === null)
    ) {
      return 'has a metadata field that is not an object';
    }
    if (!metadata?.name && !metadata?.generateName) {
      return `(${candidate.kind}) has no metadata.name`;
    }
    return undefined;
  })();
  if (problem) {
    throw new TypeError(
      `objects[${index}] ${problem}; expected a Kubernetes object`,
    );
  }
  return value as KubernetesObject;
}
