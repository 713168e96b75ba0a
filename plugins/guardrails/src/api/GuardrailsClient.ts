import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApiAuditRun,
  ApiDistribution,
  ApiEntityReport,
  ApiEnvironmentList,
  ApiExemptions,
  ApiGuardrailList,
  ApiHistory,
  ApiImpact,
  ApiSummary,
  ENFORCEMENT_LEVELS,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  GuardrailHistoryOptions,
  GuardrailImpactRequest,
  GuardrailsApi,
} from './GuardrailsApi';

const MAX_HISTORY_DAYS = 366;

function entityPath(entity: CompoundEntityRef): string {
  for (const part of ['kind', 'namespace', 'name'] as const) {
    if (!entity[part]) {
      throw new TypeError(`Entity reference has no ${part}`);
    }
  }
  return [entity.kind, entity.namespace, entity.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
}

function historyQuery(options?: GuardrailHistoryOptions): string {
  if (options?.days === undefined) {
    return '';
  }
  const { days } = options;
  if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS) {
    throw new RangeError(
      `History days must be a whole number from 1 to ${MAX_HISTORY_DAYS}, got ${days}`,
    );
  }
  return `?days=${days}`;
}

function impactQuery(request: GuardrailImpactRequest): string {
  for (const field of ['guardrail', 'environment'] as const) {
    if (!request[field]) {
      throw new TypeError(`What-if needs a ${field}`);
    }
  }
  if (!(ENFORCEMENT_LEVELS as readonly string[]).includes(request.level)) {
    throw new RangeError(
      `What-if level must be one of ${ENFORCEMENT_LEVELS.join(', ')}, got "${
        request.level
      }"`,
    );
  }
  return `?${new URLSearchParams({
    guardrail: request.guardrail,
    environment: request.environment,
    level: request.level,
  })}`;
}

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

  async getGuardrails(): Promise<ApiGuardrailList> {
    return this.get('/guardrails');
  }

  async getEntityReport(
    entity: CompoundEntityRef,
  ): Promise<ApiEntityReport | undefined> {
    const response = await this.request(
      `/entities/${entityPath(entity)}/report`,
    );
    // 404 is the backend's way of saying that no audit has covered the entity yet.
    if (response.status === 404) {
      return undefined;
    }
    return this.parse(response);
  }

  async getEntityHistory(
    entity: CompoundEntityRef,
    options?: GuardrailHistoryOptions,
  ): Promise<ApiHistory> {
    return this.get(
      `/entities/${entityPath(entity)}/history${historyQuery(options)}`,
    );
  }

  async getHistory(options?: GuardrailHistoryOptions): Promise<ApiHistory> {
    return this.get(`/history${historyQuery(options)}`);
  }

  async getDistribution(): Promise<ApiDistribution> {
    return this.get('/distribution');
  }

  async getSummary(): Promise<ApiSummary> {
    return this.get('/summary');
  }

  async getImpact(request: GuardrailImpactRequest): Promise<ApiImpact> {
    return this.get(`/impact${impactQuery(request)}`);
  }

  async getExemptions(): Promise<ApiExemptions> {
    return this.get('/exemptions');
  }

  async getEnvironments(): Promise<ApiEnvironmentList> {
    return this.get('/environments');
  }

  async runAudit(): Promise<ApiAuditRun> {
    return this.parse(await this.request('/audit', { method: 'POST' }));
  }

  private async get<T>(path: string): Promise<T> {
    return this.parse<T>(await this.request(path));
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('guardrails');
    return init
      ? this.fetchApi.fetch(`${baseUrl}${path}`, init)
      : this.fetchApi.fetch(`${baseUrl}${path}`);
  }

  private async parse<T>(response: Response): Promise<T> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
