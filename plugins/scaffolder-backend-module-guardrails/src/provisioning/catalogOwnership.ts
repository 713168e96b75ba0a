import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { normalizeEntityRef } from '@guardrails-dev/plugin-guardrails-common';

/** What provisioning asks of the catalog. */
export interface ComponentCatalog {
  /** The entities that exist, in the order of `entityRefs` (undefined for the missing ones). */
  entitiesByRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<Entity | undefined>>;
}

/**
 * Who the catalog says owns the component: `listed: false` for a component the catalog does not
 * have (a new one), else its normalized `spec.owner` (undefined when missing or not an entity ref).
 */
export type CatalogOwnership =
  | { listed: false }
  | { listed: true; owner: string | undefined };

/**
 * Reads the component's owner from the catalog with the plugin's own credentials: ownership is
 * the catalog's record, and must not depend on what the initiator may read, since a component
 * hidden from them would pass for a new one.
 */
export async function readCatalogOwnership(
  catalog: ComponentCatalog,
  auth: AuthService,
  component: string,
): Promise<CatalogOwnership> {
  const [entity] = await catalog.entitiesByRefs(
    [component],
    await auth.getOwnServiceCredentials(),
  );
  if (!entity) {
    return { listed: false };
  }
  return { listed: true, owner: ownerOf(entity) };
}

/**
 * The refusal of a request whose owner is not the one the catalog records for the component;
 * undefined when the component is new or the owners agree.
 */
export function catalogOwnerRefusal(
  request: { component: string; owner: string },
  ownership: CatalogOwnership,
): NotAllowedError | undefined {
  if (!ownership.listed || ownership.owner === request.owner) {
    return undefined;
  }
  if (!ownership.owner) {
    return new NotAllowedError(
      `${request.component} has no valid owner in the catalog (spec.owner), so nobody can provision namespaces for it. Provisioning changed nothing. Give the component an owner in the catalog first.`,
    );
  }
  return new NotAllowedError(
    `${request.component} is owned by ${ownership.owner} in the catalog, not ${request.owner}: its namespaces are provisioned for the owner the catalog records. Provisioning changed nothing. Use owner ${ownership.owner}, or change the component's owner in the catalog first.`,
  );
}

// As the catalog reads spec.owner: a group unless a kind is given, in the entity's namespace.
function ownerOf(entity: Entity): string | undefined {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || owner === '') {
    return undefined;
  }
  try {
    return normalizeEntityRef(
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return undefined;
  }
}
