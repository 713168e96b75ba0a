import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { GuardrailsApi } from './GuardrailsApi';
import { EntityReport } from './types';

/**
 * Talks to the guardrails backend through Backstage's discovery and authenticated fetch.
 *
 * @public
 */
export class GuardrailsClient implements GuardrailsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityReport(
    entity: CompoundEntityRef,
  ): Promise<EntityReport | undefined> {
    const baseUrl = await this.discoveryApi.getBaseUrl('guardrails');
    const path = [entity.kind, entity.namespace, entity.name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/entities/${path}/report`,
    );
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as EntityReport;
  }
}
