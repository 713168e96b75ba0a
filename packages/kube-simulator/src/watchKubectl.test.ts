import { uniqueName, useSimulator } from './__testUtils__/kube';
import { kubectlFor, runKubectlTests } from './__testUtils__/kubectl';

(runKubectlTests ? describe : describe.skip)('kubectl watches', () => {
  const env = useSimulator();
  const kubectl = kubectlFor(() => env().sim.url);

  /** Waits until kubectl has opened its watch, so writes after it are streamed rather than listed. */
  async function watchOpened(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (env().sim.openWatches().length === 0) {
      if (Date.now() > deadline) throw new Error('kubectl opened no watch');
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  it('prints the events of kubectl get --watch as rows, and exits 0 at --request-timeout', async () => {
    const { core } = env().k;
    const ns = uniqueName('kubectl-watch');
    const running = kubectl.run(
      'get',
      'namespaces',
      '--watch',
      '--output-watch-events',
      '--request-timeout=4s',
    );
    await watchOpened();
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.deleteNamespace({ name: ns });
    const result = await running;
    expect(result.code).toBe(0);
    const rows = result.stdout
      .split('\n')
      .map(line => line.split(/\s+/).slice(0, 3).join(' '));
    expect(rows[0]).toBe('EVENT NAME STATUS');
    expect(rows).toEqual(
      expect.arrayContaining([
        'ADDED default Active',
        `ADDED ${ns} Active`,
        `MODIFIED ${ns} Terminating`,
        `DELETED ${ns} Terminating`,
      ]),
    );
  }, 15_000);

  it('returns from kubectl wait --for=delete when the object is deleted', async () => {
    const { core } = env().k;
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'waited-for' } },
    });
    const running = kubectl.run(
      'wait',
      '--for=delete',
      'configmap/waited-for',
      '-n',
      'default',
      '--timeout=10s',
    );
    await watchOpened();
    await core.deleteNamespacedConfigMap({
      name: 'waited-for',
      namespace: 'default',
    });
    expect(await running).toMatchObject({
      code: 0,
      stdout: 'configmap/waited-for condition met\n',
    });
  });
});
