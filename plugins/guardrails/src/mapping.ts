import { Entity } from '@backstage/catalog-model';
import { KUBERNETES_MAPPING_ANNOTATIONS } from '@guardrails-dev/plugin-guardrails-common';

/**
 * Whether the entity can have guardrail results: it is mapped to Kubernetes objects.
 *
 * @public
 */
export function isGuardrailsAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return KUBERNETES_MAPPING_ANNOTATIONS.some(a => Boolean(annotations[a]));
}
