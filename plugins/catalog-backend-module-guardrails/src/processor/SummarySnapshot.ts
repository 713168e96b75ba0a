import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ApiEntitySummary,
  createGuardrailsRestClient,
} from '@guardrails-dev/plugin-guardrails-common';
import { ComplianceSnapshot } from './types';

/**
 * The guardrails backend's `GET /summary`, held in memory and revalidated at most once per interval with a
 * conditional request (answered 304 from the backend's memory while nothing changed), so processing thousands of
 * entities costs one small request per interval, never one per entity. The interval is short (a second by
 * default) so that an entity the backend asks the catalog to refresh after a status change is labelled from the
 * summary with that change. When the backend cannot be reached the last summary is kept; before the first one,
 * entities are unknown.
 * @public
 */
export class SummarySnapshot implements ComplianceSnapshot {
  private entities = new Map<string, ApiEntitySummary>();
  /** Namespace Resource ref → the components it was provisioned for, built with each new summary. */
  private components = new Map<string, string[]>();
  private etag?: string;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private pending?: Promise<void>;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      refreshIntervalMs: number;
      fetch?: typeof fetch;
      now?: () => number;
    },
  ) {}

  async get(entityRef: string): Promise<ApiEntitySummary | undefined> {
    // Called for every entity the catalog processes: no waiting unless a refresh is due (or under way).
    if (this.isDue()) {
      await this.refreshIfDue();
    }
    // Refs are lower case in the summary, as the catalog writes them (stringifyEntityRef).
    return this.entities.get(entityRef.toLowerCase());
  }

  async provisionedFor(resourceRef: string): Promise<string[]> {
    if (this.isDue()) {
      await this.refreshIfDue();
    }
    return this.components.get(resourceRef.toLowerCase()) ?? [];
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Also while a refresh is under way: the time of the last one is set when it ends. */
  private isDue(): boolean {
    return this.now() - this.fetchedAt >= this.options.refreshIntervalMs;
  }

  private refreshIfDue(): Promise<void> {
    // Concurrent processing shares one request.
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(): Promise<void> {
    const { discovery, auth, logger } = this.options;
    const doFetch = this.options.fetch ?? fetch;
    // What a successful answer holds is as old as the request: its age counts from when it was sent.
    const sentAt = this.now();
    let answered = false;
    try {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'guardrails',
      });
      const api = createGuardrailsRestClient({
        baseUrl: await discovery.getBaseUrl('guardrails'),
        fetch: request => doFetch(request),
      });
      // A failed answer is raised as a ResponseError; 304 comes back as it is.
      const { data: summary, response } = await api.get('/summary', {
        headers: { Authorization: `Bearer ${token}` },
        params: { header: this.etag ? { 'If-None-Match': this.etag } : {} },
      });
      answered = true;
      if (response.status === 304) {
        return;
      }
      if (!summary) {
        throw new Error(
          `GET /summary answered ${response.status} without a body`,
        );
      }
      this.entities = new Map(Object.entries(summary.entities ?? {}));
      this.components = componentsByNamespace(this.entities);
      this.etag = response.headers.get('etag') ?? undefined;
    } catch (error) {
      logger.warn(
        `Could not refresh the guardrails summary, keeping the last one: ${error}`,
      );
    } finally {
      // Also after a failure: a down backend is asked again after the interval, not on every entity.
      this.fetchedAt = answered ? sentAt : this.now();
    }
  }
}

function componentsByNamespace(
  entities: Map<string, ApiEntitySummary>,
): Map<string, string[]> {
  const components = new Map<string, string[]>();
  for (const [entityRef, status] of entities) {
    for (const namespace of status.namespaces ?? []) {
      const key = namespace.toLowerCase();
      components.set(key, [...(components.get(key) ?? []), entityRef]);
    }
  }
  return components;
}
