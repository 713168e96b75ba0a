import {
  KubernetesManifest,
  KubernetesObject,
  KubernetesObjectMeta,
} from '../manifests/kubernetesObject';
import { apiGroupOf } from './objects';

/** Where each pod-bearing workload keeps its pod template. @public */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  'apps/Deployment': ['spec', 'template'],
  'apps/StatefulSet': ['spec', 'template'],
  'apps/DaemonSet': ['spec', 'template'],
  'apps/ReplicaSet': ['spec', 'template'],
  '/ReplicationController': ['spec', 'template'],
  'batch/Job': ['spec', 'template'],
  'batch/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
};

export function workloadKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

/** Whether objects of this group and kind carry a pod template. */
export function isPodTemplateHolder(group: string, kind: string): boolean {
  return workloadKey(group, kind) in POD_TEMPLATE_PATHS;
}

type PodTemplate = { metadata?: KubernetesObjectMeta; spec?: unknown };

function templateOf(object: KubernetesObject): PodTemplate | undefined {
  const path =
    POD_TEMPLATE_PATHS[
      workloadKey(apiGroupOf(object.apiVersion ?? ''), object.kind ?? '')
    ];
  if (!path) {
    return undefined;
  }
  let node: unknown = object;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'object' && node !== null
    ? (node as PodTemplate)
    : undefined;
}

/**
 * The Pod a workload's template would create, as pod rules see it: the
 * template's metadata and spec, named and namespaced like the workload, with
 * `labels` and `annotations` always present (empty when the template has
 * none), the same shape the admission export builds. Undefined when the
 * object has no pod template.
 * @public
 */
export function podFromTemplate(
  workload: KubernetesObject,
): KubernetesManifest | undefined {
  const template = templateOf(workload);
  if (!template) {
    return undefined;
  }
  const metadata: KubernetesObjectMeta = {
    ...(template.metadata ?? {}),
    name: workload.metadata?.name ?? '',
    labels: template.metadata?.labels ?? {},
    annotations: template.metadata?.annotations ?? {},
  };
  if (workload.metadata?.namespace)
    metadata.namespace = workload.metadata.namespace;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: template.spec ?? {},
  };
}
