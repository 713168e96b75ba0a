import { ApiSummary } from '@guardrails-dev/plugin-guardrails-common';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import { GuardrailsStore } from '../db';
import { entityStatuses } from './entityStatuses';
import { statusKey } from './statusKey';

/** Every entity's status for the catalog, and the times those statuses were first found. */
export class SummaryService {
  constructor(
    private readonly options: {
      store: Pick<
        GuardrailsStore,
        | 'entitySummaries'
        | 'clusterStatuses'
        | 'provisionedNamespaces'
        | 'entityStatusTimes'
        | 'recordEntityStatusTimes'
      >;
      environments: EnvironmentDefinition[];
      now?: () => Date;
    },
  ) {}

  /**
   * Every entity's status. Each keeps the time of the audit that first found it (recorded after each audit by
   * `recordStatusTimes`), so an audit that finds the same statuses leaves the summary and its ETag as they were: the
   * catalog's conditional request then gets a 304, and no entity is written again.
   */
  async summary(): Promise<ApiSummary> {
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
    const now = this.options.now?.() ?? new Date();
    return { generatedAt: now.toISOString(), entities };
  }

  /** Called after each audit: records when each entity's status was first found (see `summary`). */
  async recordStatusTimes(): Promise<void> {
    const entities = await this.currentStatuses();
    await this.options.store.recordEntityStatusTimes(
      Object.entries(entities).flatMap(([entityRef, status]) =>
        status.evaluatedAt
          ? [
              {
                entityRef,
                key: statusKey(status),
                evaluatedAt: status.evaluatedAt,
              },
            ]
          : [],
      ),
    );
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
