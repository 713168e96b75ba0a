import { KubeSimulator } from '@guardrails-dev/kube-simulator';
import { startSimulatedCluster } from '../__testUtils__/simulatedCluster';
import { ClusterAccess } from './ClusterAccess';
import { ClusterRequestError } from './ClusterRequestError';
import { ClusterClient, WatchEvent } from './types';

const configMap = (name: string, value: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'team-a' },
  data: { value },
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}

describe('ClusterClient watch', () => {
  let simulator: KubeSimulator;
  let access: ClusterAccess;
  let client: ClusterClient;

  beforeEach(async () => {
    ({ simulator, access } = await startSimulatedCluster({
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
        configMap('first', '1'),
      ],
    }));
    client = access.forCluster('dev');
  });
  afterEach(() => simulator.close());

  it('streams the changes after a list, with kinds set, until stopped', async () => {
    const pages = [];
    for await (const page of client.list('v1', 'ConfigMap', {
      namespace: 'team-a',
    })) {
      pages.push(page);
    }
    const events: WatchEvent[] = [];
    const handle = await client.watch(
      'v1',
      'ConfigMap',
      { namespace: 'team-a', resourceVersion: pages[0].resourceVersion },
      event => events.push(event),
    );
    await client.apply(configMap('second', '2'));
    await client.apply(configMap('first', 'changed'), { force: true });
    await client.delete('v1', 'ConfigMap', 'second', 'team-a');
    await until(() => events.length === 3, 'three events');
    expect(
      events.map(e => [e.type, e.object.kind, e.object.metadata?.name]),
    ).toEqual([
      ['ADDED', 'ConfigMap', 'second'],
      ['MODIFIED', 'ConfigMap', 'first'],
      ['DELETED', 'ConfigMap', 'second'],
    ]);
    handle.stop();
    await expect(handle.done).resolves.toBeUndefined();
    await until(() => simulator.openWatches().length === 0, 'closed watch');
  });

  it('ends cleanly at the timeout it asked for, after a bookmark', async () => {
    const events: WatchEvent[] = [];
    const handle = await client.watch(
      'v1',
      'ConfigMap',
      { allowWatchBookmarks: true, timeoutSeconds: 3, resourceVersion: '0' },
      event => events.push(event),
    );
    await expect(handle.done).resolves.toBeUndefined();
    expect(events.map(e => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(events[1].object.metadata?.resourceVersion).toMatch(/^\d+$/);
  }, 10_000);

  it('fails with 410 when the resourceVersion is older than the cluster keeps', async () => {
    const pages = [];
    for await (const page of client.list('v1', 'ConfigMap')) pages.push(page);
    await client.apply(configMap('first', 'changed'), { force: true });
    simulator.compactHistory();
    const handle = await client.watch(
      'v1',
      'ConfigMap',
      { resourceVersion: pages[0].resourceVersion },
      () => undefined,
    );
    const error = await handle.done.catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error).toMatchObject({ status: 410, verb: 'watch' });
    expect(error.message).toContain("Cluster 'dev'");
  });

  it('fails when the connection breaks, naming the cluster but not its address', async () => {
    const handle = await client.watch(
      'v1',
      'ConfigMap',
      { resourceVersion: '0' },
      () => undefined,
    );
    await until(() => simulator.openWatches().length === 1, 'open watch');
    simulator.dropWatches();
    const outcome: 'ended' | Error = await handle.done.then(
      () => 'ended' as const,
      (e: Error) => e,
    );
    // A destroyed connection reads either as a broken stream or as one that ended: the caller resumes either way.
    const fine =
      outcome === 'ended' ||
      (outcome instanceof ClusterRequestError &&
        outcome.message.includes("Cluster 'dev'") &&
        !/127\.0\.0\.1|localhost/.test(outcome.message));
    expect({ outcome: String(outcome), fine }).toEqual({
      outcome: String(outcome),
      fine: true,
    });
  });

  it('fails with the status of a refused request', async () => {
    simulator.setFaults({
      statusCodes: [{ status: 503, pathIncludes: 'watch=' }],
    });
    const handle = await client.watch(
      'v1',
      'ConfigMap',
      { resourceVersion: '0' },
      () => undefined,
    );
    await expect(handle.done).rejects.toMatchObject({ status: 503 });
  });
});
