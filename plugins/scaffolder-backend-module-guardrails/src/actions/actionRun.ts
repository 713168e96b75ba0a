import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { HttpComponentCatalog } from '../catalog/HttpComponentCatalog';
import {
  CatalogOwnership,
  readCatalogOwnership,
} from '../provisioning/catalogOwnership';
import { Checkpoint } from '../provisioning/NamespaceProvisioner';
import {
  loadProvisionAuthorization,
  ProvisionAuthorization,
} from '../provisioning/provisionAuthorization';
import type { ProvisionActionOptions } from './namespaceProvision';

/** `ctx.checkpoint` in the shape the provisioner takes; values are plain JSON. */
export function checkpointOf(
  ctx: Pick<ActionContext<any, any>, 'checkpoint'>,
): Checkpoint {
  return <T>(key: string, fn: () => Promise<T>) =>
    ctx.checkpoint({ key, fn: fn as never }) as Promise<T>;
}

/**
 * What a provisioning run is checked against, read concurrently before anything else: the
 * permission policy's answer for the initiator and the catalog's owner of the component.
 */
export async function loadRunChecks(
  options: ProvisionActionOptions,
  credentials: BackstageCredentials,
  component: string,
): Promise<{
  authorization: ProvisionAuthorization;
  ownership: CatalogOwnership;
}> {
  const [authorization, ownership] = await Promise.all([
    loadProvisionAuthorization(options.permissions, credentials),
    readCatalogOwnership(
      new HttpComponentCatalog(options.discovery, options.auth),
      options.auth,
      component,
    ),
  ]);
  return { authorization, ownership };
}
