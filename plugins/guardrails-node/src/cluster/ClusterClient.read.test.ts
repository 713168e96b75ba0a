import { KubeSimulator } from '@guardrails-dev/kube-simulator';
import { InputError } from '@backstage/errors';
import { startSimulatedCluster } from '../__testUtils__/simulatedCluster';
import { ClusterAccess } from './ClusterAccess';
import { ClusterClient } from './types';

const namespace = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});

const configMap = (
  name: string,
  ns: string,
  labels: Record<string, string>,
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, labels },
  data: { key: name },
});

describe('ClusterClient reads', () => {
  let simulator: KubeSimulator;
  let access: ClusterAccess;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ simulator, access } = await startSimulatedCluster({
      objects: [
        namespace('team-a'),
        namespace('team-b'),
        ...Array.from({ length: 7 }, (_, i) =>
          configMap(`cm-${i}`, 'team-a', {
            app: i % 2 === 0 ? 'even' : 'odd',
            tier: i < 3 ? 'web' : 'db',
          }),
        ),
        configMap('other', 'team-b', { app: 'even', tier: 'web' }),
      ],
    }));
    client = access.forCluster('dev');
  });

  afterAll(() => simulator.close());
  beforeEach(() => simulator.resetRequestLog());

  it('follows continue tokens page by page', async () => {
    const pages = [];
    for await (const page of client.list('v1', 'ConfigMap', {
      namespace: 'team-a',
      limit: 2,
    })) {
      pages.push(page.items.map(item => item.metadata?.name));
    }

    expect(pages).toEqual([
      ['cm-0', 'cm-1'],
      ['cm-2', 'cm-3'],
      ['cm-4', 'cm-5'],
      ['cm-6'],
    ]);
    expect(simulator.requests.log).toEqual(
      Array(4).fill({
        method: 'GET',
        path: '/api/v1/namespaces/team-a/configmaps',
        status: 200,
      }),
    );
  });

  it('lists everything with listAll, items carrying apiVersion and kind', async () => {
    const items = await client.listAll('v1', 'ConfigMap', { limit: 2 });

    expect(
      items.map(i => `${i.metadata?.namespace}/${i.metadata?.name}`).sort(),
    ).toEqual([
      'team-a/cm-0',
      'team-a/cm-1',
      'team-a/cm-2',
      'team-a/cm-3',
      'team-a/cm-4',
      'team-a/cm-5',
      'team-a/cm-6',
      'team-b/other',
    ]);
    expect(
      items.every(i => i.apiVersion === 'v1' && i.kind === 'ConfigMap'),
    ).toBe(true);
    expect(simulator.requests.log[0].path).toBe('/api/v1/configmaps');
    expect(simulator.requests.total).toBe(4);
  });

  it('filters by label selector, as text or as labels to match', async () => {
    const names = async (labelSelector: string | Record<string, string>) =>
      (
        await client.listAll('v1', 'ConfigMap', {
          namespace: 'team-a',
          labelSelector,
        })
      )
        .map(i => i.metadata?.name)
        .sort();

    expect(await names('app=even,tier=web')).toEqual(['cm-0', 'cm-2']);
    expect(await names({ app: 'odd', tier: 'db' })).toEqual(['cm-3', 'cm-5']);
    expect(await names('tier in (db),app!=odd')).toEqual(['cm-4', 'cm-6']);
  });

  it('filters by field selector', async () => {
    const items = await client.listAll('v1', 'ConfigMap', {
      fieldSelector: 'metadata.name=other',
    });
    expect(items.map(i => i.metadata?.namespace)).toEqual(['team-b']);
  });

  it('gets namespaced and cluster-scoped objects', async () => {
    const cm = await client.get('v1', 'ConfigMap', 'cm-1', 'team-a');
    expect(cm).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'cm-1', namespace: 'team-a' },
      data: { key: 'cm-1' },
    });
    expect(typeof cm?.metadata?.creationTimestamp).toBe('string');

    const ns = await client.get('v1', 'Namespace', 'team-b');
    expect(ns?.metadata?.name).toBe('team-b');
  });

  it('returns undefined for a missing object, in one request', async () => {
    await expect(
      client.get('apps/v1', 'Deployment', 'missing', 'team-a'),
    ).resolves.toBeUndefined();
    expect(simulator.requests.log).toEqual([
      {
        method: 'GET',
        path: '/apis/apps/v1/namespaces/team-a/deployments/missing',
        status: 404,
      },
    ]);
  });

  it('refuses addresses that do not fit the kind, without calling the cluster', async () => {
    await expect(client.get('v1', 'ConfigMap', 'cm-1')).rejects.toThrow(
      new InputError("ConfigMap 'cm-1' is namespaced; give its namespace"),
    );
    await expect(
      client.get('v1', 'Namespace', 'team-a', 'team-a'),
    ).rejects.toThrow(
      "Namespace is cluster-scoped; it has no namespace (got 'team-a')",
    );
    await expect(client.get('v1', 'ConfigMap', '..', 'team-a')).rejects.toThrow(
      "'..' is not a valid ConfigMap name",
    );
    await expect(
      client.get('v1', 'ConfigMap', 'cm-1', '../secrets'),
    ).rejects.toThrow("'../secrets' is not a valid namespace name");
    for (const name of ['Team-a', '-team-a', 't'.repeat(64)]) {
      await expect(client.get('v1', 'ConfigMap', 'cm-1', name)).rejects.toThrow(
        `'${name}' is not a valid namespace name`,
      );
    }
    await expect(
      client.listAll('v1', 'ConfigMap', { limit: 0 }),
    ).rejects.toThrow('list limit must be a positive integer, got 0');
    expect(simulator.requests.total).toBe(0);
    // The longest namespace name is addressed: the cluster answers.
    await expect(
      client.get('v1', 'ConfigMap', 'cm-1', 't'.repeat(63)),
    ).resolves.toBeUndefined();
  });
});
