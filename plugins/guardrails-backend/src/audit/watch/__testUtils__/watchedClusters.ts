import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  compilePack,
  parsePack,
} from '@guardrails-dev/plugin-guardrails-engine';
import { ClusterAccess } from '@guardrails-dev/plugin-guardrails-node';
import { DatabaseGuardrailsStore, StoredResult } from '../../../db';
import { startClusters } from '../../../__testUtils__/simulatedClusters';
import { devGuardrail } from '../../../__testUtils__/devGuardrail';
import { AuditRunner } from '../../AuditRunner';
import {
  ClusterShare,
  WatchingAudit,
  WatchingAuditSettings,
} from '../WatchingAudit';

const guardrail = devGuardrail;

/**
 * A pod rule (reaching workloads through their templates), a ConfigMap rule, a namespace rule reading the
 * namespace's other objects, and a ConfigMap rule limited by a namespace selector.
 */
export const WATCH_PACK = compilePack(
  parsePack([
    {
      path: 'watch.yaml',
      content: [
        guardrail(
          'pod.no-privileged',
          "resources: [{ apiGroups: [''], kinds: [Pod] }]",
          'object.spec.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || !c.securityContext.privileged)',
        ),
        guardrail(
          'config.no-password',
          "resources: [{ apiGroups: [''], kinds: [ConfigMap] }]",
          "!has(object.data) || !('password' in object.data)",
        ),
        guardrail(
          'namespace.has-quota',
          "resources: [{ apiGroups: [''], kinds: [Namespace] }]",
          "namespaceResources.exists(r, r.kind == 'ResourceQuota')",
        ),
        guardrail(
          'config.strict-has-owner',
          "resources: [{ apiGroups: [''], kinds: [ConfigMap] }]\n    namespaceSelector: { matchLabels: { strict: 'true' } }",
          "has(object.metadata.labels) && 'owner' in object.metadata.labels",
        ),
      ].join('---\n'),
    },
  ]).pack,
);

export const FAST_WATCH: WatchingAuditSettings = {
  pageSize: 50,
  kindConcurrency: 4,
  debounceMs: 50,
  relistIntervalMs: 10 * 60_000,
  reevaluateIntervalMs: 10 * 60_000,
  maxBackoffMs: 400,
  quotaIntervalMs: 500,
  leaseIntervalMs: 200,
  entityRefreshMs: 10 * 60_000,
};

/** Results as comparable text, times left out. */
export function describeResults(results: StoredResult[]): string[] {
  return results
    .map(
      r =>
        `${r.source} ${r.guardrail} ${r.resource.kind} ${
          r.resource.namespace ?? '-'
        }/${r.resource.name} ${r.result}`,
    )
    .sort();
}

/** Kubernetes clusters (kube-simulator) watched by a WatchingAudit storing into SQLite. */
export async function startWatchedClusters(
  databases: TestDatabases,
  seeds: Record<string, object[]>,
  options: {
    settings?: Partial<WatchingAuditSettings>;
    entities?: Entity[];
    share?: ClusterShare;
  } = {},
) {
  const clusters = await startClusters(seeds);
  const config = new ConfigReader(clusters.config);
  const clusterAccess = ClusterAccess.fromConfig(config, {
    logger: mockServices.logger.mock(),
    maxAttempts: 1,
  });
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseGuardrailsStore.create({
    database: mockServices.database({ knex }),
  });
  const logger = mockServices.logger.mock();
  const stored = jest.fn(async () => undefined);
  const watching = new WatchingAudit({
    store,
    clusterAccess,
    pack: WATCH_PACK,
    auditor: mockServices.auditor.mock(),
    logger,
    settings: { ...FAST_WATCH, ...options.settings },
    loadEntities: async () => options.entities ?? [],
    share: options.share,
    afterResultsStored: stored,
  });

  /** What a whole-cluster audit of the same clusters, now, stores: what the watch must have stored too. */
  const auditNow = async (): Promise<string[]> => {
    const fresh = await DatabaseGuardrailsStore.create({
      database: mockServices.database({
        knex: await databases.init('SQLITE_3'),
      }),
    });
    await new AuditRunner({
      store: fresh,
      clusterAccess,
      pack: WATCH_PACK,
      loadEntities: async () => options.entities ?? [],
      auditor: mockServices.auditor.mock(),
      logger: mockServices.logger.mock(),
      settings: { pageSize: 50, clusterConcurrency: 1, kindConcurrency: 4 },
    }).run();
    return describeResults(
      await fresh.unownedResults({ includePassing: true }),
    );
  };

  return {
    ...clusters,
    store,
    watching,
    logger,
    stored,
    auditNow,
    results: async () =>
      describeResults(await store.unownedResults({ includePassing: true })),
    close: async () => {
      await watching.stop();
      await clusters.close();
    },
  };
}

/** Polls until `check` holds, failing with `what` after `timeoutMs`. */
export async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 25));
  }
}
