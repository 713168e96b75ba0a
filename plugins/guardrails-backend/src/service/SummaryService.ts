import {
  ApiEntitySummary,
  ApiSummary,
} from '@guardrails-dev/plugin-guardrails-common';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import { GuardrailsStore } from '../db';
import { entityStatuses } from './entityStatuses';
import { statusChanges, StatusChanges } from './statusChanges';
import { statusKey } from './statusKey';

type SummaryStore = Pick<
  GuardrailsStore,
  | 'entitySummaries'
  | 'clusterStatuses'
  | 'provisionedNamespaces'
  | 'entityStatusTimes'
  | 'recordEntityStatusTimes'
>;

interface CachedSummary {
  /** The cluster rows the summary was computed from (see `storeVersion`). */
  version: string;
  entities: Record<string, ApiEntitySummary>;
}

/**
 * Every entity's status for the catalog, and the times those statuses were first found.
 *
 * The summary is computed once per change of the results and served from memory in between: the catalog asks for it
 * (conditionally) every second or so while it processes entities, so an unchanged summary must cost one small
 * query, never a pass over every result.
 */
export class SummaryService {
  private cached?: CachedSummary;
  private computing?: { version: string; promise: Promise<CachedSummary> };
  /** Counts the audits recorded here, so that a computation begun before one is not kept after it. */
  private recorded = 0;

  constructor(
    private readonly options: {
      store: SummaryStore;
      environments: EnvironmentDefinition[];
      now?: () => Date;
    },
  ) {}

  /**
   * Every entity's status. Each keeps the time of the audit that first found it (recorded after each audit by
   * `recordStatusTimes`), so an audit that finds the same statuses leaves the summary and its ETag as they were: the
   * catalog's conditional request then gets a 304, and no entity is written again. The entities are shared between
   * calls: read them, never change them.
   */
  async summary(): Promise<ApiSummary> {
    const version = await this.storeVersion();
    let cached = this.cached;
    if (cached?.version !== version) {
      cached = await this.compute(version);
    }
    const now = this.options.now?.() ?? new Date();
    return { generatedAt: now.toISOString(), entities: cached.entities };
  }

  /**
   * Called once the results of an audit are stored: records when each entity's status was first found (see
   * `summary`) and returns the entities whose status differs from the one recorded before, with the namespace
   * Resources whose components changed, for the catalog to refresh.
   */
  async recordStatusTimes(): Promise<StatusChanges> {
    const { store } = this.options;
    // Whatever this replica held or is computing is from before these results.
    this.recorded += 1;
    this.cached = undefined;
    const [entities, before] = await Promise.all([
      this.currentStatuses(),
      store.entityStatusTimes(),
    ]);
    const current = Object.entries(entities).flatMap(([entityRef, status]) =>
      status.evaluatedAt
        ? [
            {
              entityRef,
              key: statusKey(status),
              evaluatedAt: status.evaluatedAt,
            },
          ]
        : [],
    );
    await store.recordEntityStatusTimes(current);
    this.recorded += 1;
    this.cached = undefined;
    return statusChanges(before, current);
  }

  /**
   * The clusters' audit rows: each audit of a cluster writes its row in the transaction that stores its results, and
   * only audits write results, so a summary computed with the same rows is current, whichever replica audited.
   */
  private async storeVersion(): Promise<string> {
    return JSON.stringify(await this.options.store.clusterStatuses());
  }

  private compute(version: string): Promise<CachedSummary> {
    // Concurrent requests after a change share one computation.
    if (this.computing?.version !== version) {
      const recorded = this.recorded;
      const promise = (async () => {
        const [entities, times] = await Promise.all([
          this.currentStatuses(),
          this.options.store.entityStatusTimes(),
        ]);
        for (const [entityRef, status] of Object.entries(entities)) {
          const time = times.get(entityRef);
          if (time && status.evaluatedAt && time.key === statusKey(status)) {
            status.evaluatedAt = time.evaluatedAt;
          }
        }
        const computed = { version, entities };
        if (recorded === this.recorded) this.cached = computed;
        return computed;
      })().finally(() => {
        if (this.computing?.promise === promise) this.computing = undefined;
      });
      this.computing = { version, promise };
    }
    return this.computing!.promise;
  }

  private async currentStatuses() {
    const { store, environments } = this.options;
    const [rows, statuses, provisioned] = await Promise.all([
      store.entitySummaries(),
      store.clusterStatuses(),
      store.provisionedNamespaces(),
    ]);
    return entityStatuses({ environments, rows, statuses, provisioned });
  }
}
