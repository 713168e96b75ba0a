import { Entity } from '@backstage/catalog-model';
import { KUBERNETES_MAPPING_ANNOTATIONS } from '@guardrails-dev/plugin-guardrails-common';

/** Whether the entity is mapped to Kubernetes objects by one of the Kubernetes plugin's annotations. */
export function isMappedToKubernetes(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return KUBERNETES_MAPPING_ANNOTATIONS.some(a => Boolean(annotations[a]));
}
