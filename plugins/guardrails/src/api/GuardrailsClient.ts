import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApiAuditRun,
  ApiCostReport,
  ApiDistribution,
  ApiEnforcementDryRun,
  ApiEnforcementEnvironment,
  ApiEnforcementState,
  ApiEntityReport,
  ApiEntityUsage,
  ApiEnvironmentList,
  ApiExemptions,
  ApiGuardrailList,
  ApiHistory,
  ApiImpact,
  ApiReadiness,
  ApiSummary,
  createGuardrailsRestClient,
  GuardrailsRestClient,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  GuardrailHistoryOptions,
  GuardrailImpactRequest,
  GuardrailsApi,
} from './GuardrailsApi';

/** The path parameters of an entity, lower-cased as the backend keys them. */
function entityPath(entity: CompoundEntityRef) {
  for (const part of ['kind', 'namespace', 'name'] as const) {
    // An empty part would make another path; everything else the backend checks against its spec.
    if (!entity[part]) {
      throw new TypeError(`Entity reference has no ${part}`);
    }
  }
  return {
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.namespace.toLocaleLowerCase('en-US'),
    name: entity.name.toLocaleLowerCase('en-US'),
  };
}

function historyQuery(options?: GuardrailHistoryOptions) {
  return options?.days === undefined ? undefined : { days: options.days };
}

/** The body of a successful answer; every route of the API answers one. */
function body<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(
      `The guardrails backend answered ${result.response.status} without a body`,
    );
  }
  return result.data;
}

/**
 * Talks to the guardrails backend through Backstage's discovery and authenticated fetch, with the client generated
 * from the backend's OpenAPI spec. Invalid parameters are the backend's to refuse: it answers 400 with the reason,
 * raised here as a `ResponseError`.
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

  async getGuardrails(): Promise<ApiGuardrailList> {
    return body(await (await this.api()).get('/guardrails'));
  }

  async getEntityReport(
    entity: CompoundEntityRef,
  ): Promise<ApiEntityReport | undefined> {
    const path = entityPath(entity);
    const api = await this.api();
    try {
      return body(
        await api.get('/entities/{kind}/{namespace}/{name}/report', {
          params: { path },
        }),
      );
    } catch (error) {
      // 404 is the backend's way of saying that no audit has covered the entity yet.
      if (ResponseError.is(error) && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async getEntityHistory(
    entity: CompoundEntityRef,
    options?: GuardrailHistoryOptions,
  ): Promise<ApiHistory> {
    const path = entityPath(entity);
    const api = await this.api();
    return body(
      await api.get('/entities/{kind}/{namespace}/{name}/history', {
        params: { path, query: historyQuery(options) },
      }),
    );
  }

  async getHistory(options?: GuardrailHistoryOptions): Promise<ApiHistory> {
    const api = await this.api();
    return body(
      await api.get('/history', { params: { query: historyQuery(options) } }),
    );
  }

  async getDistribution(): Promise<ApiDistribution> {
    return body(await (await this.api()).get('/distribution'));
  }

  async getSummary(): Promise<ApiSummary> {
    return body(await (await this.api()).get('/summary'));
  }

  async getImpact(request: GuardrailImpactRequest): Promise<ApiImpact> {
    const { guardrail, environment, level } = request;
    const api = await this.api();
    return body(
      await api.get('/impact', {
        params: { query: { guardrail, environment, level } },
      }),
    );
  }

  async getReadiness(): Promise<ApiReadiness> {
    return body(await (await this.api()).get('/readiness'));
  }

  async getExemptions(): Promise<ApiExemptions> {
    return body(await (await this.api()).get('/exemptions'));
  }

  async getEnvironments(): Promise<ApiEnvironmentList> {
    return body(await (await this.api()).get('/environments'));
  }

  async runAudit(): Promise<ApiAuditRun> {
    return body(await (await this.api()).post('/audit'));
  }

  async getEnforcementState(): Promise<ApiEnforcementState> {
    return body(await (await this.api()).get('/enforcement'));
  }

  async getEnforcementDryRun(): Promise<ApiEnforcementDryRun> {
    return body(await (await this.api()).get('/enforcement/dry-run'));
  }

  async pauseEnforcement(
    environment: string,
    options?: { reason?: string },
  ): Promise<ApiEnforcementEnvironment> {
    const api = await this.api();
    const reason = options?.reason?.trim();
    return body(
      await api.post('/enforcement/environments/{environment}/pause', {
        params: { path: { environment } },
        body: reason ? { reason } : {},
      }),
    );
  }

  async resumeEnforcement(
    environment: string,
  ): Promise<ApiEnforcementEnvironment> {
    const api = await this.api();
    return body(
      await api.post('/enforcement/environments/{environment}/resume', {
        params: { path: { environment } },
      }),
    );
  }

  async getEntityUsage(entity: CompoundEntityRef): Promise<ApiEntityUsage> {
    const path = entityPath(entity);
    const api = await this.api();
    return body(
      await api.get('/entities/{kind}/{namespace}/{name}/usage', {
        params: { path },
      }),
    );
  }

  async getCosts(options?: GuardrailHistoryOptions): Promise<ApiCostReport> {
    const api = await this.api();
    return body(
      await api.get('/costs', { params: { query: historyQuery(options) } }),
    );
  }

  private async api(): Promise<GuardrailsRestClient> {
    const baseUrl = await this.discoveryApi.getBaseUrl('guardrails');
    return createGuardrailsRestClient({
      baseUrl,
      fetch: request => this.fetchApi.fetch(request),
    });
  }
}
