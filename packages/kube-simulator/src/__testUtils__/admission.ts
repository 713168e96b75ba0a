import { KubernetesObject } from '@kubernetes/client-node';
import { Clients } from './kube';

const API_VERSION = 'admissionregistration.k8s.io/v1';

/** Rules selecting resources for every operation given. */
export function rule(
  resources: string[],
  apiGroups: string[] = [''],
  operations: string[] = ['CREATE', 'UPDATE'],
) {
  return { apiGroups, apiVersions: ['*'], operations, resources };
}

/** A ValidatingAdmissionPolicy; `spec` is merged over a policy on ConfigMap creates and updates. */
export function policy(
  name: string,
  spec: Record<string, unknown>,
): KubernetesObject & { spec: Record<string, unknown> } {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: {
      matchConstraints: { resourceRules: [rule(['configmaps'])] },
      ...spec,
    },
  };
}

/** A binding of `policyName` with the given actions and optional match resources. */
export function binding(
  name: string,
  policyName: string,
  validationActions: string[],
  extra: Record<string, unknown> = {},
): KubernetesObject & { spec: Record<string, unknown> } {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: { policyName, validationActions, ...extra },
  };
}

/** Creates objects in order through client-node's generic object API. */
export async function createAll(
  k: Clients,
  ...objects: KubernetesObject[]
): Promise<void> {
  for (const object of objects) await k.objects.create(object);
}

/** Deletes objects, ignoring those already gone. */
export async function deleteAll(
  k: Clients,
  ...objects: KubernetesObject[]
): Promise<void> {
  for (const object of objects)
    await k.objects.delete(object).catch(() => undefined);
}

/** A namespace manifest with labels. */
export function namespace(name: string, labels: Record<string, string> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels },
  };
}

/** A ConfigMap manifest. */
export function configMap(
  ns: string,
  name: string,
  data: Record<string, string> = {},
  labels: Record<string, string> = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns, labels },
    data,
  };
}
