import { parseEntityRef } from '@backstage/catalog-model';
import { namespaceResourceName } from '@guardrails-dev/plugin-guardrails-node';
import { ProvisionedNamespace } from '../db';

/**
 * The ref of the catalog Resource that provisioning registers for a namespace: in the component's catalog
 * namespace, named the way provisioning names the Resources it creates.
 */
export function namespaceResourceRef(
  namespace: Omit<ProvisionedNamespace, 'cluster'>,
): string {
  const component = parseEntityRef(namespace.entityRef);
  const name = namespaceResourceName(
    namespace.namespace,
    namespace.environment,
  );
  // Refs in the summary are lower case, like every ref the store keeps.
  return `resource:${component.namespace}/${name}`.toLowerCase();
}
