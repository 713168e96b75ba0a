import { Entity } from '@backstage/catalog-model';

/** The annotations that map a component to Kubernetes objects (the same ones the Kubernetes plugin reads). */
export const KUBERNETES_MAPPING_ANNOTATIONS = [
  'backstage.io/kubernetes-id',
  'backstage.io/kubernetes-namespace',
  'backstage.io/kubernetes-label-selector',
] as const;

/**
 * Whether the entity can have guardrail results: it is mapped to Kubernetes objects.
 *
 * @public
 */
export function isGuardrailsAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return KUBERNETES_MAPPING_ANNOTATIONS.some(a => Boolean(annotations[a]));
}
