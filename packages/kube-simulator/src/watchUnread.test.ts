import { get, IncomingMessage } from 'node:http';
import { uniqueName, useSimulator } from './__testUtils__/kube';

describe('watchers that stop reading', () => {
  const env = useSimulator();

  it('are disconnected once 1,000 events wait behind a full connection', async () => {
    const { sim, k } = env();
    const ns = uniqueName('unread');
    await k.core.createNamespace({ body: { metadata: { name: ns } } });
    const rv = (await k.core.listNamespacedConfigMap({ namespace: ns }))
      .metadata!.resourceVersion!;
    // A client that reads nothing: the response stays paused, so the connection fills up.
    let response: IncomingMessage | undefined;
    get(
      `${sim.url}/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${rv}`,
      res => {
        response = res;
        res.pause();
      },
    ).on('error', () => undefined);
    const big = 'x'.repeat(1_000_000);
    for (let i = 0; i < 16; i++) {
      await k.core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: `big-${i}` }, data: { big } },
      });
    }
    expect(sim.openWatches()).toHaveLength(1);
    for (let batch = 0; batch < 22 && sim.openWatches().length > 0; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          k.core.createNamespacedConfigMap({
            namespace: ns,
            body: { metadata: { name: `small-${batch}-${i}` } },
          }),
        ),
      );
    }
    expect(sim.openWatches()).toEqual([]);
    // Reading again, the client finds the connection broken rather than the stream ended.
    const ended = await new Promise<string>(resolve => {
      response!.on('end', () => resolve('end'));
      response!.on('error', () => resolve('error'));
      response!.on('aborted', () => resolve('aborted'));
      response!.resume();
    });
    expect(ended).not.toBe('end');
  }, 30_000);
});
