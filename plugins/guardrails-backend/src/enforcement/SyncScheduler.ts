import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { AdmissionExports } from './admissionExports';
import { AdmissionSync } from './AdmissionSync';
import { EnforcementClock } from './clock';
import { ClusterTarget } from './clusterTargets';
import { EnforcementConfig } from './readEnforcementConfig';

const TASK_PREFIX = 'guardrails-enforcement-sync';
// A run that started before a boundary computed the earlier stage; the trigger is retried until it has ended.
const RETRY_MS = 5_000;
const MAX_RETRIES = 60;

/** The scheduler task of a cluster's sync: one per cluster, so replicas take turns per cluster through the database. */
export function syncTaskId(cluster: string): string {
  return `${TASK_PREFIX}.${cluster}`;
}

/**
 * Schedules each syncing cluster's sync at the configured cadence, and wakes it whenever its export may change (a
 * stage boundary, an exemption's expiry, the hour of admission's clock): a timer per replica triggers the scheduler
 * task at the instant, and the scheduler runs it once, on whichever replica claims it.
 */
export class SyncScheduler {
  private cancelTimer?: () => void;
  private stopped = false;

  constructor(
    private readonly options: {
      scheduler: SchedulerService;
      sync: AdmissionSync;
      targets: ClusterTarget[];
      config: EnforcementConfig;
      exports: AdmissionExports;
      clock: EnforcementClock;
      logger: LoggerService;
    },
  ) {}

  private get syncing(): ClusterTarget[] {
    return this.options.targets.filter(t => t.syncing.length > 0);
  }

  async start(): Promise<void> {
    const { scheduler, config, sync } = this.options;
    for (const target of this.syncing) {
      await scheduler.scheduleTask({
        id: syncTaskId(target.cluster),
        scope: 'global',
        frequency: config.cadence,
        timeout: config.timeout,
        // Lets the backend finish starting before the first sync.
        initialDelay: { seconds: 5 },
        fn: async () => {
          await sync.sync(target);
        },
      });
    }
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
  }

  /** Runs the syncs of an environment's clusters soon, for example after a pause. */
  async triggerEnvironment(environment: string): Promise<void> {
    await Promise.all(
      this.syncing
        .filter(t => t.syncing.includes(environment))
        .map(t => this.trigger(t.cluster)),
    );
  }

  /** Sets one timer, for the earliest boundary of any syncing cluster; at it, triggers those clusters and re-arms. */
  private arm(): void {
    if (this.stopped) return;
    const { clock, exports } = this.options;
    const now = clock.now();
    let at: number | undefined;
    let clusters: string[] = [];
    for (const target of this.syncing) {
      const next = exports.nextChange(target.syncing, now)?.getTime();
      if (next === undefined || (at !== undefined && next > at)) continue;
      clusters = next === at ? [...clusters, target.cluster] : [target.cluster];
      at = next;
    }
    if (at === undefined) return;
    this.cancelTimer = clock.setTimer(new Date(at), () => {
      void Promise.all(clusters.map(c => this.trigger(c))).finally(() =>
        this.arm(),
      );
    });
  }

  private async trigger(cluster: string, attempt = 0): Promise<void> {
    if (this.stopped) return;
    try {
      await this.options.scheduler.triggerTask(syncTaskId(cluster));
    } catch (error) {
      if ((error as Error).name === 'ConflictError' && attempt < MAX_RETRIES) {
        setTimeout(
          () => void this.trigger(cluster, attempt + 1),
          RETRY_MS,
        ).unref?.();
        return;
      }
      this.options.logger.warn(
        `Could not start the admission sync of cluster '${cluster}': ${error}`,
      );
    }
  }
}
