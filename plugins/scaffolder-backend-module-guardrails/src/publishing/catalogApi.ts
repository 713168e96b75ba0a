import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';

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
 * The catalog's REST API, called with a token on behalf of the user who started the task, so that
 * the catalog's own permissions apply to what the user reads and refreshes. These are the calls
 * `CatalogClient` makes, made with the services every backend module has.
 */
export class HttpPublishCatalog implements PublishCatalog {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async locations(credentials: BackstageCredentials): Promise<Entity[]> {
    const query = new URLSearchParams({
      filter: 'kind=location',
      fields: 'kind,metadata.name,metadata.namespace,metadata.annotations,spec',
    });
    const response = await this.request(`/entities?${query}`, credentials, {});
    return (await response.json()) as Entity[];
  }

  async entitiesByRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<Entity | undefined>> {
    const response = await this.request('/entities/by-refs', credentials, {
      method: 'POST',
      body: JSON.stringify({ entityRefs }),
    });
    const body = (await response.json()) as { items: Array<Entity | null> };
    return body.items.map(item => item ?? undefined);
  }

  async refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    await this.request('/refresh', credentials, {
      method: 'POST',
      body: JSON.stringify({ entityRef }),
    });
  }

  private async request(
    path: string,
    credentials: BackstageCredentials,
    init: RequestInit,
  ): Promise<Response> {
    const baseUrl = await this.discovery.getBaseUrl('catalog');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'catalog',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
