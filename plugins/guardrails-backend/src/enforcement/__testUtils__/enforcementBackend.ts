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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { guardrailsPlugin } from '../../plugin';
import { startClusters } from '../../__testUtils__/simulatedClusters';
import { syncTaskId } from '../SyncScheduler';
import { ManualClock } from './ManualClock';

/** pod.no-privileged (default pack) moves from warn to block in prod at this instant. */
export const BLOCK_AT = new Date('2027-01-15T00:00:00.000Z');
export const PRIVILEGED_PROD_BINDING = 'guardrails.pod.no-privileged.prod';
/** The portal's `app.baseUrl`: denial messages link into it. */
export const PORTAL = 'https://portal.example.com';
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
  /** Pack documents (exemptions, guardrails) loaded besides the default pack, from a pack directory. */
  pack?: object[];
  /** Catalog entities; none unless given. */
  entities?: object[];
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
  const packDir = options.pack && writePack(options.pack);
  const backend = await startTestBackend({
    features: [
      guardrailsPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...base,
          app: { baseUrl: PORTAL },
          guardrails: {
            ...base.guardrails,
            enforcement: options.enforcement ?? { mode: 'sync' },
            ...(packDir ? { packs: [packDir], maxExemptionDays: 36500 } : {}),
          },
        },
      }),
      catalogServiceMock.factory({
        entities: (options.entities ?? []) as any[],
      }),
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
  const get = async (route: string) => {
    const res = await request(backend.server)
      .get(`/api/guardrails${route}`)
      .set('Authorization', mockCredentials.user.header());
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body;
  };
  const state = () => get('/enforcement');

  /** Runs an audit of every cluster (the audit task is off in tests) and waits until a next one could start. */
  const audit = async () => {
    for (const _ of [0, 1]) {
      for (let i = 0; ; i++) {
        const res = await request(backend.server)
          .post('/api/guardrails/audit')
          .set('Authorization', mockCredentials.user.header());
        if (res.body.status === 'started') break;
        if (i > 600) throw new Error('the audit did not finish');
        await new Promise(r => setTimeout(r, 50));
      }
    }
  };

  return {
    clusters,
    backend,
    /** Stops the simulated clusters and removes the pack directory. */
    close: async () => {
      await clusters.close();
      if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
    },
    audit,
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
    /** A GET of the REST API, e.g. `/enforcement`; throws unless it answers 200. */
    get,
    /** GET /enforcement. */
    state,
    /** One cluster's entry of GET /enforcement. */
    clusterState: async (cluster: string) =>
      (await state()).clusters.find((c: any) => c.cluster === cluster),
  };
}

export type Enforcement = Awaited<ReturnType<typeof startEnforcement>>;

function writePack(documents: object[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-pack-'));
  // JSON is YAML: one document each.
  fs.writeFileSync(
    path.join(dir, 'pack.yaml'),
    documents.map(d => JSON.stringify(d)).join('\n---\n'),
  );
  return dir;
}

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
