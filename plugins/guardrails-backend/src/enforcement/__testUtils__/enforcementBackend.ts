import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { guardrailsPlugin } from '../../plugin';
import { startClusters } from '../../__testUtils__/simulatedClusters';
import { syncTaskId } from '../SyncScheduler';
import { ManualClock } from './ManualClock';

/** pod.no-privileged (default pack) moves from warn to block in prod at this instant. */
export const BLOCK_AT = new Date('2027-01-15T00:00:00.000Z');
export const BEFORE_BLOCK = new Date('2027-01-14T23:59:00.000Z');
export const ADMISSION = 'admissionregistration.k8s.io/v1';
export const PRIVILEGED_PROD_BINDING = 'guardrails.pod.no-privileged.prod';

export type SimulatedClusters = Awaited<ReturnType<typeof startClusters>>;

/** Simulated dev and prod clusters; `extra` objects are seeded into both. */
export function startEnforcementClusters(extra: object[] = []) {
  return startClusters({ dev: [...extra], prod: [...extra] });
}

/**
 * The backend plugin on simulated clusters with enforcement `sync` everywhere (unless `enforcement` says otherwise),
 * a manual clock, and either the mock scheduler (tasks run when triggered, awaited) or, with `knex`, Backstage's
 * scheduler on that database, as replicas run it.
 */
export async function startEnforcementBackend(options: {
  clusters: SimulatedClusters;
  clock?: ManualClock;
  enforcement?: object;
  knex?: Knex;
  /** Whether a permission is allowed; all are by default. */
  allow?: (permission: string) => boolean;
}) {
  const clock = options.clock ?? new ManualClock(BEFORE_BLOCK);
  // The mock scheduler runs a task when it is triggered and resolves when it has run; its instance makes the
  // factory (typed as SchedulerService only).
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };
  const auditor = mockServices.auditor.mock();
  const allow = options.allow ?? (() => true);
  const base = options.clusters.config;
  const backend = await startTestBackend({
    features: [
      guardrailsPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...base,
          guardrails: {
            ...base.guardrails,
            enforcement: options.enforcement ?? { mode: 'sync' },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
      clock.factory(),
      auditor.factory,
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result: allow(r.permission.name)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          })),
      }).factory,
      ...(options.knex
        ? [
            mockServices.database.factory({ knex: options.knex }),
            schedulerServiceFactory,
          ]
        : [scheduler.factory({ skipTaskRunOnStartup: true })]),
    ],
  });
  return {
    backend,
    server: backend.server,
    clock,
    auditor,
    /** Runs a cluster's sync now and waits for it (mock scheduler only). */
    sync: (cluster: string) => scheduler.triggerTask(syncTaskId(cluster)),
  };
}

/** The admission objects a simulated cluster holds, by name. */
export function admissionObjects(
  clusters: SimulatedClusters,
  cluster: string,
  kind: 'ValidatingAdmissionPolicy' | 'ValidatingAdmissionPolicyBinding',
): Map<string, any> {
  return new Map(
    clusters.simulators[cluster]
      .listObjects(ADMISSION, kind)
      .map((o: any) => [o.metadata.name, o]),
  );
}

/** The validation actions of a binding in a simulated cluster. */
export function bindingActions(
  clusters: SimulatedClusters,
  cluster: string,
  name: string,
): string[] | undefined {
  return admissionObjects(
    clusters,
    cluster,
    'ValidatingAdmissionPolicyBinding',
  ).get(name)?.spec.validationActions;
}

/** The admission requests a simulated cluster served since its log was reset, by method. */
export function admissionRequests(
  clusters: SimulatedClusters,
  cluster: string,
) {
  const log = clusters.simulators[cluster].requests.log.filter(r =>
    r.path.includes('admissionregistration'),
  );
  const count = (method: string) => log.filter(r => r.method === method).length;
  return {
    lists: count('GET'),
    writes: log.length - count('GET'),
  };
}
