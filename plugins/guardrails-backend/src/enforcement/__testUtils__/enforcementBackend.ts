import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { guardrailsPlugin } from '../../plugin';
import { startClusters } from '../../__testUtils__/simulatedClusters';
import { syncTaskId } from '../SyncScheduler';
import { ManualClock } from './ManualClock';

/** pod.no-privileged (default pack) moves from warn to block in prod at this instant. */
export const BLOCK_AT = new Date('2027-01-15T00:00:00.000Z');
export const PRIVILEGED_PROD_BINDING = 'guardrails.pod.no-privileged.prod';
const ADMISSION = 'admissionregistration.k8s.io/v1';
type AdmissionKind =
  | 'ValidatingAdmissionPolicy'
  | 'ValidatingAdmissionPolicyBinding';

export type SimulatedClusters = Awaited<ReturnType<typeof startClusters>>;

export interface EnforcementOptions {
  /** Objects seeded into both simulated clusters (dev and prod). */
  seeds?: object[];
  /** Clusters another backend already uses (replicas); started here otherwise. */
  clusters?: SimulatedClusters;
  /** Starts one minute before {@link BLOCK_AT} unless given. */
  clock?: ManualClock;
  /** `guardrails.enforcement`; `sync` everywhere unless given. */
  enforcement?: object;
  /** Backstage's scheduler on this database, as replicas run it; the mock scheduler otherwise. */
  knex?: Knex;
  /** Whether a permission is allowed; all are unless given. */
  allow?: (permission: string) => boolean;
}

/**
 * The backend plugin on simulated dev and prod clusters, with a manual clock, and either the mock scheduler (a task
 * runs when triggered, and the trigger resolves when it has run) or Backstage's scheduler on a shared database.
 */
export async function startEnforcement(options: EnforcementOptions = {}) {
  const clusters =
    options.clusters ??
    (await startClusters({
      dev: [...(options.seeds ?? [])],
      prod: [...(options.seeds ?? [])],
    }));
  const clock =
    options.clock ?? new ManualClock(new Date(BLOCK_AT.getTime() - 60_000));
  // The mock scheduler's instance makes its factory (the type says SchedulerService only).
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };
  const auditor = mockServices.auditor.mock();
  const allow = options.allow ?? (() => true);
  const base = clusters.config;
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

  const objects = (cluster: string, kind: AdmissionKind) =>
    new Map<string, any>(
      clusters.simulators[cluster]
        .listObjects(ADMISSION, kind)
        .map((o: any) => [o.metadata.name, o]),
    );
  const state = async () => {
    const res = await request(backend.server)
      .get('/api/guardrails/enforcement')
      .set('Authorization', mockCredentials.user.header());
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body;
  };

  return {
    clusters,
    backend,
    server: backend.server,
    clock,
    auditor,
    /** Runs a cluster's sync now and waits for it (mock scheduler only). */
    sync: (cluster: string) => scheduler.triggerTask(syncTaskId(cluster)),
    /** The admission objects a simulated cluster holds, by name. */
    objects,
    /** A binding's validation actions in a simulated cluster. */
    actions: (cluster: string, binding = PRIVILEGED_PROD_BINDING) =>
      objects(cluster, 'ValidatingAdmissionPolicyBinding').get(binding)?.spec
        .validationActions as string[] | undefined,
    /** The admission requests a simulated cluster served since its log was reset. */
    requests: (cluster: string) => {
      const log = clusters.simulators[cluster].requests.log.filter(r =>
        r.path.includes('admissionregistration'),
      );
      const lists = log.filter(r => r.method === 'GET').length;
      return { lists, writes: log.length - lists };
    },
    /** GET /enforcement. */
    state,
    /** One cluster's entry of GET /enforcement. */
    clusterState: async (cluster: string) =>
      (await state()).clusters.find((c: any) => c.cluster === cluster),
  };
}

export type Enforcement = Awaited<ReturnType<typeof startEnforcement>>;

/** Waits until `check` gives something truthy, and gives it. */
export async function until<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
