import { TestDatabases } from '@backstage/backend-test-utils';
import { KubernetesObject } from '@guardrails-dev/plugin-guardrails-node';
import { Entity } from '@backstage/catalog-model';
import {
  component,
  deployment,
  namespace,
} from '../../__testUtils__/simulatedClusters';
import { startWatchedClusters, until } from './__testUtils__/watchedClusters';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const configMap = (
  ns: string,
  name: string,
  data: Record<string, string> = {},
  labels: Record<string, string> = {},
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, labels },
  data,
});
const quota = (ns: string) => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'compute', namespace: ns },
  spec: { hard: { pods: '10' } },
});

const SEED = [
  namespace('shop'),
  namespace('tools', { strict: 'true' }),
  quota('shop'),
  deployment('shop', 'cart'),
  configMap('shop', 'cart-settings', { mode: 'fast' }),
  configMap('tools', 'tool-settings', {}, { owner: 'tools-team' }),
];

async function start(settings = {}, entities: Entity[] = []) {
  const watched = await startWatchedClusters(
    databases,
    { dev: SEED },
    { settings, entities },
  );
  const sim = watched.simulators.dev;
  const write = async (object: object) => {
    const o = object as KubernetesObject;
    const kind = o.kind;
    await fetch(`${sim.url}${pathOf(o)}?fieldManager=test&force=true`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer guardrails-backend-test-token`,
        'content-type': 'application/apply-patch+yaml',
      },
      body: JSON.stringify(object),
    }).then(async r => {
      if (!r.ok) throw new Error(`${kind}: ${r.status} ${await r.text()}`);
    });
  };
  const remove = async (object: object) => {
    const r = await fetch(`${sim.url}${pathOf(object as KubernetesObject)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer guardrails-backend-test-token` },
    });
    if (!r.ok) throw new Error(`delete: ${r.status}`);
  };
  // List requests of kinds (discovery aside); watches are counted apart.
  const lists = () =>
    sim.requests.log.filter(
      r =>
        r.method === 'GET' &&
        !r.watch &&
        r.path.split('/').length > 3 &&
        !r.path.startsWith('/openapi'),
    ).length;
  const caughtUp = async () => {
    const [watchedResults, audited] = [
      await watched.results(),
      await watched.auditNow(),
    ];
    return JSON.stringify(watchedResults) === JSON.stringify(audited);
  };
  return { ...watched, sim, write, remove, lists, caughtUp };
}

function pathOf(o: KubernetesObject): string {
  const plural: Record<string, string> = {
    Namespace: 'namespaces',
    ConfigMap: 'configmaps',
    ResourceQuota: 'resourcequotas',
    Deployment: 'deployments',
  };
  const base = o.apiVersion === 'v1' ? '/api/v1' : `/apis/${o.apiVersion}`;
  const ns = o.metadata?.namespace ? `/namespaces/${o.metadata.namespace}` : '';
  const kind = String(o.kind);
  return `${base}${ns}/${plural[kind] ?? kind}/${o.metadata!.name}`;
}

describe('WatchingAudit', () => {
  it('stores what a whole-cluster audit stores, and stays equal to it through every kind of change', async () => {
    const w = await start();
    try {
      await w.watching.start();
      await until(
        async () => (await w.results()).length > 0,
        'the first results',
      );
      expect(await w.caughtUp()).toBe(true);

      const changes: Array<[string, () => Promise<void>]> = [
        [
          'a pod template made privileged',
          () =>
            w.write(
              deployment('shop', 'cart', {
                container: { securityContext: { privileged: true } },
              }),
            ),
        ],
        [
          'a ConfigMap given a password',
          () => w.write(configMap('shop', 'cart-settings', { password: 'x' })),
        ],
        ['the namespace quota deleted', () => w.remove(quota('shop'))],
        [
          'a namespace label that brings a guardrail in',
          () => w.write(namespace('shop', { strict: 'true' })),
        ],
        [
          'a new namespace with objects',
          async () => {
            await w.write(namespace('search'));
            await w.write(configMap('search', 'index', { password: 'y' }));
          },
        ],
        [
          'a ConfigMap deleted',
          () => w.remove(configMap('shop', 'cart-settings')),
        ],
        ['a namespace deleted', () => w.remove(namespace('tools'))],
      ];
      for (const [what, change] of changes) {
        await change();
        await until(() => w.caughtUp(), `the results after ${what}`);
      }
    } finally {
      await w.close();
    }
  });

  it('follows a write within seconds from the watch alone, rewriting only the namespace it touched', async () => {
    const w = await start();
    try {
      await w.watching.start();
      await until(() => w.caughtUp(), 'the first results');
      const before = await w.store.unownedResults({ includePassing: true });
      const listsBefore = w.lists();
      const watchesBefore = w.sim.openWatches().length;
      expect(watchesBefore).toBeGreaterThan(10);

      const writtenAt = Date.now();
      await w.write(configMap('shop', 'cart-settings', { password: 'x' }));
      await until(
        async () =>
          (
            await w.results()
          ).includes(
            'audit config.no-password ConfigMap shop/cart-settings warn',
          ),
        'the new violation',
      );
      expect(Date.now() - writtenAt).toBeLessThan(3_000);

      const after = await w.store.unownedResults({ includePassing: true });
      const lastSeen = (results: typeof before, ns: string) =>
        results
          .filter(r => (r.resource.namespace ?? r.resource.name) === ns)
          .map(r => `${r.guardrail} ${r.resource.name} ${r.lastSeen}`)
          .sort();
      // The other namespace was neither evaluated nor written.
      expect(lastSeen(after, 'tools')).toEqual(lastSeen(before, 'tools'));
      expect(lastSeen(after, 'shop')).not.toEqual(lastSeen(before, 'shop'));
      // No list since the first: the change came through the watch.
      expect(w.lists()).toBe(listsBefore);
      expect(w.sim.openWatches()).toHaveLength(watchesBefore);
    } finally {
      await w.close();
    }
  });

  it('resumes dropped watches from where they were, without listing again', async () => {
    const w = await start();
    try {
      await w.watching.start();
      await until(() => w.caughtUp(), 'the first results');
      const watches = w.sim.openWatches().length;
      const lists = w.lists();

      expect(w.sim.dropWatches()).toBe(watches);
      await until(
        () => w.sim.openWatches().length === watches,
        'the watches back',
      );
      await w.write(configMap('tools', 'tool-settings', { password: 'x' }));
      await until(
        async () =>
          (
            await w.results()
          ).includes(
            'audit config.no-password ConfigMap tools/tool-settings warn',
          ),
        'the change after the drop',
      );
      expect(w.lists() - lists).toBe(0);
      // Every resumed watch started from a resourceVersion it had seen, not from the current state.
      expect(
        w.sim
          .openWatches()
          .every(
            open =>
              open.resourceVersion !== undefined &&
              open.resourceVersion !== '0',
          ),
      ).toBe(true);
      expect(await w.caughtUp()).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('lists a kind again after 410 Gone and finds the change it missed', async () => {
    const w = await start();
    try {
      await w.watching.start();
      await until(() => w.caughtUp(), 'the first results');
      // Watches are refused for a while, a change happens, and the cluster forgets its history meanwhile.
      w.sim.setFaults({
        statusCodes: [{ status: 503, count: 30, pathIncludes: 'watch=' }],
      });
      w.sim.dropWatches();
      await w.write(configMap('shop', 'cart-settings', { password: 'x' }));
      w.sim.compactHistory();
      const lists = w.lists();
      w.sim.setFaults({});
      await until(
        async () =>
          (
            await w.results()
          ).includes(
            'audit config.no-password ConfigMap shop/cart-settings warn',
          ),
        'the missed change',
        20_000,
      );
      // Found by listing the kinds again, with no outage recorded: the cluster answered all along.
      expect(w.lists()).toBeGreaterThan(lists);
      expect(await w.store.clusterStatuses()).toEqual([
        expect.objectContaining({ stale: false }),
      ]);
      expect(await w.caughtUp()).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('marks a cluster that cannot be reached stale, keeps its last results, and catches up once it answers', async () => {
    const w = await start();
    try {
      await w.watching.start();
      await until(() => w.caughtUp(), 'the first results');
      const results = await w.results();

      w.sim.setFaults({ statusCodes: [{ status: 503 }] });
      w.sim.dropWatches();
      await until(
        async () => (await w.store.clusterStatuses())[0]?.stale === true,
        'the cluster marked stale',
      );
      const [status] = await w.store.clusterStatuses();
      expect(status.lastError).toMatch(/dev/);
      expect(status.lastError).not.toMatch(/127\.0\.0\.1|localhost/);
      // Nothing is deleted or said compliant for want of data.
      expect(await w.results()).toEqual(results);
      expect(w.watching.watched()).toEqual([
        expect.objectContaining({ cluster: 'dev', state: 'unreachable' }),
      ]);

      w.sim.setFaults({});
      await until(
        async () => (await w.store.clusterStatuses())[0]?.stale === false,
        'the cluster read again',
        20_000,
      );
      await w.write(configMap('shop', 'cart-settings', { password: 'x' }));
      await until(() => w.caughtUp(), 'the change after the outage');
    } finally {
      await w.close();
    }
  });

  it('reads the catalog again when an audit is asked for, so a new owner has its results at once', async () => {
    const entities: Entity[] = [];
    const w = await start({}, entities);
    try {
      await w.watching.start();
      await until(() => w.caughtUp(), 'the first results');
      expect(await w.store.resultsForEntity('component:default/cart')).toEqual(
        [],
      );
      entities.push(
        component('cart', { 'backstage.io/kubernetes-namespace': 'shop' }),
      );
      expect(await w.watching.relistAll()).toBe('started');
      // Asked again at once, the relist under way answers for it: a second one would read every object again.
      expect(await w.watching.relistAll()).toBe('already-running');
      await until(
        async () =>
          (
            await w.store.resultsForEntity('component:default/cart', {
              includePassing: true,
            })
          ).length > 0,
        "the namespace's results owned by the new component",
      );
    } finally {
      await w.close();
    }
  });

  it("evaluates again when the catalog's mapping changes, not when an entity's status annotations do", async () => {
    const cart = component('cart', {
      'backstage.io/kubernetes-namespace': 'shop',
    });
    const w = await start({ entityRefreshMs: 50 }, [cart]);
    const owned = async () =>
      (
        await w.store.resultsForEntity('component:default/cart', {
          includePassing: true,
        })
      )
        .map(
          r =>
            `${r.resource.namespace ?? r.resource.name}/${r.resource.name} ${
              r.lastSeen
            }`,
        )
        .sort();
    try {
      await w.watching.start();
      await until(async () => (await owned()).length > 0, 'owned results');
      const before = await owned();

      // What the catalog module writes after every status change.
      cart.metadata.annotations!['guardrails.dev/fail-count'] = '3';
      cart.metadata.annotations!['guardrails.dev/evaluated-at'] =
        new Date().toISOString();
      await new Promise(r => setTimeout(r, 500));
      expect(await owned()).toEqual(before);

      cart.metadata.annotations!['backstage.io/kubernetes-namespace'] = 'tools';
      await until(
        async () => (await owned()).every(r => r.startsWith('tools/')),
        'the results of the newly mapped namespace',
      );
    } finally {
      await w.close();
    }
  });

  it('closes every watch when stopped', async () => {
    const w = await start();
    await w.watching.start();
    await until(() => w.sim.openWatches().length > 0, 'watches');
    await w.watching.stop();
    await until(() => w.sim.openWatches().length === 0, 'no watch left');
    expect(w.watching.watched()).toEqual([]);
    await w.close();
  });
});
