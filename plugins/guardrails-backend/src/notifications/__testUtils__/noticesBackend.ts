import {
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import { compilePack } from '@guardrails-dev/plugin-guardrails-engine';
import { guardrailsPackServiceRef } from '@guardrails-dev/plugin-guardrails-node';
import { Knex } from 'knex';
import { DatabaseGuardrailsStore, StoredResult } from '../../db';
import { result } from '../../db/__testUtils__';
import { ManualClock } from '../../enforcement/__testUtils__/ManualClock';
import { guardrailsPlugin } from '../../plugin';
import { NOTICES_TASK_ID } from '../createNotifications';
import { CapturingNotifications } from './CapturingNotifications';
import { PAYMENTS, testPack, TestPackOptions } from './testPack';

export const PORTAL = 'http://portal.test';

export interface NoticesBackendOptions {
  knex: Knex;
  clock: ManualClock;
  pack: GuardrailPack;
  notifications: CapturingNotifications;
  /** `guardrails.notifications`. */
  settings?: object;
  /** `guardrails.costs`. */
  costs?: object;
  /** Backstage's scheduler on the database, as replicas run it; the mock scheduler (runs when triggered) otherwise. */
  replica?: boolean;
}

/**
 * The backend plugin with the given pack, clock and notification service on the given database; no cluster is read
 * (the audit is off): results are written to the store as an audit would.
 */
export async function startNoticesBackend(options: NoticesBackendOptions) {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };
  const cluster = (name: string) => ({ name, url: 'http://127.0.0.1:9' });
  const backend = await startTestBackend({
    features: [
      guardrailsPlugin,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: PORTAL },
          kubernetes: {
            clusterLocatorMethods: [
              { type: 'config', clusters: [cluster('dev'), cluster('prod')] },
            ],
          },
          guardrails: {
            environments: {
              dev: { clusters: ['dev'] },
              prod: { clusters: ['prod'] },
            },
            audit: { enabled: false },
            notifications: {
              // Runs only when a test triggers one.
              initialDelay: { hours: 12 },
              frequency: { hours: 12 },
              ...options.settings,
            },
            ...(options.costs ? { costs: options.costs } : {}),
          },
        },
      }),
      createServiceFactory({
        service: guardrailsPackServiceRef,
        deps: {},
        factory: () => ({
          pack: options.pack,
          compiled: compilePack(options.pack),
          warnings: [],
        }),
      }),
      catalogServiceMock.factory({ entities: [] }),
      options.clock.factory(),
      options.notifications.factory(),
      mockServices.database.factory({ knex: options.knex }),
      options.replica
        ? schedulerServiceFactory
        : scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
  return {
    backend,
    /** Runs the notices now and waits for the run (mock scheduler only). */
    run: () => scheduler.triggerTask(NOTICES_TASK_ID),
  };
}

/** The store on the database (migrated), to write results as the audit does. */
export async function resultStore(knex: Knex) {
  const store = await DatabaseGuardrailsStore.create({
    database: { getClient: async () => knex },
  });
  return {
    /** Replaces the prod cluster's results, as an audit at `at` would. */
    audit: (at: Date, results: StoredResult[]) =>
      store.replaceClusterResults({
        cluster: 'prod',
        environment: 'prod',
        auditedAt: at,
        results,
      }),
  };
}

/** A result of pod.no-privileged on an object of payments in prod; violating at warn unless told otherwise. */
export function prodResult(
  override: Parameters<typeof result>[0] = {},
): StoredResult {
  return result({
    cluster: 'prod',
    environment: 'prod',
    level: 'warn',
    result: 'warn',
    entityRef: PAYMENTS,
    ...override,
  });
}

/**
 * A backend on a fresh SQLite database whose clock starts at `start`, with the test pack and payments' two objects
 * (api and worker) violating pod.no-privileged in prod; `runAt` moves the clock and runs the notices.
 */
export async function startScenario(
  databases: TestDatabases,
  options: Omit<TestPackOptions, 'loadedAt'> & {
    start: Date;
    settings?: object;
    costs?: object;
  },
) {
  const knex = await databases.init('SQLITE_3');
  const clock = new ManualClock(options.start);
  const notifications = new CapturingNotifications();
  const pack = testPack({ ...options, loadedAt: options.start });
  const { backend, run } = await startNoticesBackend({
    knex,
    clock,
    pack,
    notifications,
    settings: options.settings,
    costs: options.costs,
  });
  const results = await resultStore(knex);
  await results.audit(options.start, [
    prodResult({ name: 'api' }),
    prodResult({ name: 'worker' }),
  ]);
  return {
    knex,
    backend,
    notifications,
    results,
    runAt: async (at: Date) => {
      clock.set(at);
      await run();
    },
  };
}
