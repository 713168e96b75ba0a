import { GUARDRAILS_ENVIRONMENT_LABEL } from '@guardrails-dev/plugin-guardrails-common';
import { KubernetesManifest } from '@guardrails-dev/plugin-guardrails-engine';
import { SourcedObject } from './workspaceManifests';

// Kinds without a namespace; the namespace override leaves them alone.
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CSIDriver',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeSnapshotClass',
]);

/** Puts every namespaced object into `namespace`, as applying them there would. */
export function inNamespace(
  objects: SourcedObject[],
  namespace: string,
): SourcedObject[] {
  return objects.map(({ object, source }) =>
    CLUSTER_SCOPED.has(object.kind)
      ? { object, source }
      : {
          object: { ...object, metadata: { ...object.metadata, namespace } },
          source,
        },
  );
}

/**
 * The namespace as provisioning will create it, as far as guardrail namespace selectors look at
 * it: its name label and its environment label.
 */
export function targetNamespaceObject(
  namespace: string,
  environment: string,
): KubernetesManifest {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      labels: {
        'kubernetes.io/metadata.name': namespace,
        [GUARDRAILS_ENVIRONMENT_LABEL]: environment,
      },
    },
  };
}
