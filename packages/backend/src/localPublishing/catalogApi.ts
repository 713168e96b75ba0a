import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { CatalogClient } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';

/** What the publishing action asks of the catalog. */
export interface PublishCatalog {
  /** Every Location entity, with its spec. */
  locations(credentials: BackstageCredentials): Promise<Entity[]>;
  /** The entities that exist, in the order of `entityRefs` (undefined for the missing ones). */
  entitiesByRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<Entity | undefined>>;
  /** Schedules the entity (a Location: everything it reads) for processing now. */
  refresh(entityRef: string, credentials: BackstageCredentials): Promise<void>;
}

/**
 * The catalog's REST API through Backstage's `CatalogClient`, called with a token on behalf of the
 * user who started the task, so that the catalog's own permissions apply to what the user reads and
 * refreshes.
 */
export class CatalogClientPublishCatalog implements PublishCatalog {
  private readonly client: CatalogClient;

  constructor(discovery: DiscoveryService, private readonly auth: AuthService) {
    this.client = new CatalogClient({ discoveryApi: discovery });
  }

  async locations(credentials: BackstageCredentials): Promise<Entity[]> {
    const { items } = await this.client.getEntities(
      {
        filter: { kind: 'location' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec',
        ],
      },
      await this.tokenFor(credentials),
    );
    return items;
  }

  async entitiesByRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<Entity | undefined>> {
    const { items } = await this.client.getEntitiesByRefs(
      { entityRefs },
      await this.tokenFor(credentials),
    );
    return items;
  }

  async refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    await this.client.refreshEntity(
      entityRef,
      await this.tokenFor(credentials),
    );
  }

  private tokenFor(
    credentials: BackstageCredentials,
  ): Promise<{ token: string }> {
    return this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'catalog',
    });
  }
}
