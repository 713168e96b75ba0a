import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { ComponentCatalog } from '../provisioning/catalogOwnership';

/**
 * The catalog's REST API, for what provisioning reads: the call `CatalogClient.getEntitiesByRefs`
 * makes, made with the services every backend module has. The token is issued for the given
 * credentials, so the catalog's own permissions apply to what is read.
 */
export class HttpComponentCatalog implements ComponentCatalog {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async entitiesByRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<Entity | undefined>> {
    const baseUrl = await this.discovery.getBaseUrl('catalog');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'catalog',
    });
    const response = await fetch(`${baseUrl}/entities/by-refs`, {
      method: 'POST',
      body: JSON.stringify({ entityRefs }),
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as { items: Array<Entity | null> };
    return body.items.map(item => item ?? undefined);
  }
}
