import { Entity } from '@backstage/catalog-model';
import { KUBERNETES_NAMESPACE_RESOURCE_TYPE } from '@guardrails-dev/plugin-guardrails-common';

/**
 * Whether the entity gets the Guardrails tab and card: components and `kubernetes-namespace` Resources, the
 * entities the audit maps Kubernetes objects to. A component without a mapping annotation gets them too, so that
 * its team sees how to add one. The `/alpha` extensions filter entities with the same function.
 *
 * @public
 */
export function isGuardrailsAvailable(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return (
    kind === 'component' ||
    (kind === 'resource' &&
      (entity.spec as { type?: unknown } | undefined)?.type ===
        KUBERNETES_NAMESPACE_RESOURCE_TYPE)
  );
}
