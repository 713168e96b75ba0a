import { LoggerService } from '@backstage/backend-plugin-api';
import { StatusChanges } from '../service/statusChanges';
import { CatalogRefresher } from './CatalogRefresher';

/**
 * How long after recording the statuses the catalog is asked to refresh. The catalog module revalidates its copy of
 * the summary when it is over a second old (`guardrails.catalog.refreshIntervalSeconds`, default 1): after this
 * wait, whatever copy it holds when it processes a refreshed entity was fetched after the results were stored.
 */
export const SETTLE_MS = 2_000;

export interface StatusChangeFollowerOptions {
  /** Records what the stored results make of each entity's status, and returns what changed. */
  recordStatuses: () => Promise<StatusChanges>;
  refresher: Pick<CatalogRefresher, 'refresh'>;
  logger: LoggerService;
  settleMs?: number;
}

/**
 * Runs after results are stored, in the replica that stored them: records the entity statuses they make, then asks
 * the catalog to refresh the entities whose status changed, so that their labels follow within seconds. The refresh
 * requests go out after `SETTLE_MS`, without holding up the caller (an audit is over once its statuses are recorded);
 * calls are recorded one after another, each comparing with what the one before recorded.
 */
export class StatusChangeFollower {
  private recording: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: StatusChangeFollowerOptions) {}

  /** Records the statuses; the refresh of those that changed is scheduled, never awaited, and never fails. */
  async afterResultsStored(): Promise<StatusChanges> {
    const recorded = this.recording.then(() => this.options.recordStatuses());
    this.recording = recorded.catch(() => undefined);
    const changes = await recorded;
    if (changes.entities.length + changes.namespaces.length > 0) {
      this.scheduleRefresh(changes);
    }
    return changes;
  }

  private scheduleRefresh(changes: StatusChanges): void {
    const { refresher, logger } = this.options;
    void new Promise<void>(resolve => {
      const timer = setTimeout(resolve, this.options.settleMs ?? SETTLE_MS);
      // A refresh due at shutdown is not worth keeping the process for: the processing pass labels the entity.
      timer.unref?.();
    })
      // The entities first: their labels are what a cap should keep.
      .then(() =>
        refresher.refresh([...changes.entities, ...changes.namespaces]),
      )
      // The refresher logs its own failures; this is for anything else.
      .catch(error => {
        logger.warn(`Could not ask the catalog to refresh: ${error}`);
      });
  }
}
