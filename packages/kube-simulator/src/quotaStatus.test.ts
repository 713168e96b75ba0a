import { PatchStrategy, V1Pod, V1ResourceQuota } from '@kubernetes/client-node';
import {
  expectStatus,
  patchAs,
  uniqueName,
  useSimulator,
} from './__testUtils__/kube';
import { kubectlFor, runKubectlTests } from './__testUtils__/kubectl';
import { startWatch } from './__testUtils__/watch';

type Resources = {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
};

function pod(
  name: string,
  containers: Array<[string, Resources]>,
  initContainers: Array<[string, Resources]> = [],
): V1Pod {
  const c = ([n, resources]: [string, Resources]) => ({
    name: n,
    image: 'registry.example.com/app:1.0.0',
    resources,
  });
  return {
    metadata: { name },
    spec: {
      containers: containers.map(c),
      ...(initContainers.length
        ? { initContainers: initContainers.map(c) }
        : {}),
    },
  };
}

const res = (
  requests: Record<string, string>,
  limits: Record<string, string>,
) => ({
  requests,
  limits,
});

describe('ResourceQuota status, as the quota controller computes it', () => {
  const env = useSimulator();

  async function namespaceWithQuota(
    hard: Record<string, string>,
  ): Promise<string> {
    const { core } = env().k;
    const ns = uniqueName('quota');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.createNamespacedResourceQuota({
      namespace: ns,
      body: { metadata: { name: 'budget' }, spec: { hard } },
    });
    return ns;
  }

  const readQuota = async (ns: string): Promise<V1ResourceQuota> =>
    env().k.core.readNamespacedResourceQuota({ name: 'budget', namespace: ns });

  it('sums requests and limits of running pods: app containers add up, init containers count at their peak, terminated pods do not count', async () => {
    const { core } = env().k;
    const ns = await namespaceWithQuota({
      'requests.cpu': '4',
      'requests.memory': '8Gi',
      'limits.cpu': '8',
      'limits.memory': '16Gi',
      cpu: '4',
      memory: '8Gi',
      pods: '10',
    });
    // An empty namespace uses 0 of everything the quota sets.
    expect((await readQuota(ns)).status).toEqual({
      hard: {
        cpu: '4',
        'limits.cpu': '8',
        'limits.memory': '16Gi',
        memory: '8Gi',
        pods: '10',
        'requests.cpu': '4',
        'requests.memory': '8Gi',
      },
      used: {
        cpu: '0',
        'limits.cpu': '0',
        'limits.memory': '0',
        memory: '0',
        pods: '0',
        'requests.cpu': '0',
        'requests.memory': '0',
      },
    });
    // api: two app containers add up.
    //   requests cpu 400m + 100m = 500m, memory 768Mi + 256Mi = 1Gi
    //   limits   cpu 1 + 200m = 1200m,  memory 1536Mi + 512Mi = 2Gi
    await core.createNamespacedPod({
      namespace: ns,
      body: pod('api', [
        [
          'app',
          res({ cpu: '400m', memory: '768Mi' }, { cpu: '1', memory: '1536Mi' }),
        ],
        [
          'proxy',
          res(
            { cpu: '100m', memory: '256Mi' },
            { cpu: '200m', memory: '512Mi' },
          ),
        ],
      ]),
    });
    // batch: the init container is bigger than the app container, so it sets the pod's need.
    //   requests cpu max(200m, 1) = 1,     memory max(256Mi, 2Gi) = 2Gi
    //   limits   cpu max(400m, 2) = 2,     memory max(512Mi, 4Gi) = 4Gi
    await core.createNamespacedPod({
      namespace: ns,
      body: pod(
        'batch',
        [
          [
            'worker',
            res(
              { cpu: '200m', memory: '256Mi' },
              { cpu: '400m', memory: '512Mi' },
            ),
          ],
        ],
        [
          [
            'migrate',
            res({ cpu: '1', memory: '2Gi' }, { cpu: '2', memory: '4Gi' }),
          ],
        ],
      ),
    });
    // done: counted while it runs, not once it Succeeded. Requests equal to limits make it Guaranteed.
    const done = await core.createNamespacedPod({
      namespace: ns,
      body: pod('done', [
        ['job', res({ cpu: '2', memory: '1Gi' }, { cpu: '2', memory: '1Gi' })],
      ]),
    });
    expect(done.status?.qosClass).toBe('Guaranteed');
    expect((await readQuota(ns)).status?.used).toMatchObject({
      'requests.cpu': '3500m', // 500m + 1 + 2
      pods: '3',
    });
    await core.patchNamespacedPodStatus(
      { name: 'done', namespace: ns, body: { status: { phase: 'Succeeded' } } },
      patchAs(PatchStrategy.MergePatch),
    );
    // api + batch:
    //   requests cpu 500m + 1 = 1500m,   memory 1Gi + 2Gi = 3Gi
    //   limits   cpu 1200m + 2 = 3200m,  memory 2Gi + 4Gi = 6Gi
    expect((await readQuota(ns)).status?.used).toEqual({
      cpu: '1500m',
      'limits.cpu': '3200m',
      'limits.memory': '6Gi',
      memory: '3Gi',
      pods: '2',
      'requests.cpu': '1500m',
      'requests.memory': '3Gi',
    });
    // Deleting a pod gives its share back: batch leaves 500m, 1Gi, 1200m, 2Gi, one pod.
    await core.deleteNamespacedPod({ name: 'batch', namespace: ns });
    expect((await readQuota(ns)).status?.used).toMatchObject({
      'requests.cpu': '500m',
      'requests.memory': '1Gi',
      'limits.cpu': '1200m',
      'limits.memory': '2Gi',
      pods: '1',
    });
  });

  it('adds memory in mixed units exactly, in the canonical form of the first pod that uses it', async () => {
    const { core } = env().k;
    const ns = await namespaceWithQuota({
      'requests.memory': '4Gi',
      'requests.cpu': '2',
    });
    // a-binary 1Gi + b-decimal 512M = 1073741824 + 512000000 = 1585741824 bytes
    //   = 1548576 * 1024, not a whole number of Mi: binary form (the first pod's) as Ki.
    await core.createNamespacedPod({
      namespace: ns,
      body: pod('a-binary', [
        ['app', { requests: { memory: '1Gi', cpu: '0.25' } }],
      ]),
    });
    await core.createNamespacedPod({
      namespace: ns,
      body: pod('b-decimal', [
        ['app', { requests: { memory: '512M', cpu: '250m' } }],
      ]),
    });
    expect((await readQuota(ns)).status?.used).toEqual({
      'requests.cpu': '500m', // 0.25 + 250m
      'requests.memory': '1548576Ki',
    });
  });

  it('counts a sidecar (an init container that keeps running) with the app, and under the init containers after it', async () => {
    const { core } = env().k;
    const ns = await namespaceWithQuota({
      'requests.cpu': '4',
      'requests.memory': '4Gi',
    });
    const body = pod(
      'meshed',
      [['app', { requests: { cpu: '300m', memory: '512Mi' } }]],
      [
        ['mesh', { requests: { cpu: '100m', memory: '128Mi' } }],
        ['setup', { requests: { cpu: '1', memory: '256Mi' } }],
      ],
    );
    body.spec!.initContainers![0].restartPolicy = 'Always';
    await core.createNamespacedPod({ namespace: ns, body });
    // running:         app + mesh   = cpu 300m + 100m = 400m, memory 512Mi + 128Mi = 640Mi
    // while setup runs: setup + mesh = cpu 1 + 100m = 1100m,  memory 256Mi + 128Mi = 384Mi
    // the pod needs the larger of each: cpu 1100m, memory 640Mi
    expect((await readQuota(ns)).status?.used).toEqual({
      'requests.cpu': '1100m',
      'requests.memory': '640Mi',
    });
  });

  it('counts pod overhead on top of the containers', async () => {
    const { core } = env().k;
    const ns = await namespaceWithQuota({
      'requests.cpu': '2',
      'limits.cpu': '2',
      'requests.memory': '1Gi',
    });
    const body = pod('sandboxed', [
      [
        'app',
        { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m' } },
      ],
    ]);
    body.spec!.overhead = { cpu: '50m', memory: '32Mi' };
    await core.createNamespacedPod({ namespace: ns, body });
    // requests: cpu 100m + 50m = 150m, memory 64Mi + 32Mi = 96Mi; limits: cpu 200m + 50m = 250m.
    expect((await readQuota(ns)).status?.used).toEqual({
      'limits.cpu': '250m',
      'requests.cpu': '150m',
      'requests.memory': '96Mi',
    });
  });

  it('charges the defaults a LimitRange gives containers that state no resources', async () => {
    const { core } = env().k;
    const ns = await namespaceWithQuota({
      'requests.cpu': '1',
      'requests.memory': '1Gi',
      'limits.cpu': '2',
      'limits.memory': '2Gi',
    });
    // No defaultRequest for memory: the API server defaults it to the default limit (256Mi).
    await core.createNamespacedLimitRange({
      namespace: ns,
      body: {
        metadata: { name: 'defaults' },
        spec: {
          limits: [
            {
              type: 'Container',
              _default: { cpu: '500m', memory: '256Mi' },
              defaultRequest: { cpu: '100m' },
            },
          ],
        },
      },
    });
    const range = await core.readNamespacedLimitRange({
      name: 'defaults',
      namespace: ns,
    });
    expect(range.spec?.limits[0].defaultRequest).toEqual({
      cpu: '100m',
      memory: '256Mi',
    });
    const created = await core.createNamespacedPod({
      namespace: ns,
      body: pod('plain', [['app', {}]]),
    });
    expect(created.spec?.containers[0].resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
    // Requests below limits after the defaults: Burstable, set after LimitRanger as the pod strategy does.
    expect(created.status?.qosClass).toBe('Burstable');
    expect(created.metadata?.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app',
    );
    expect((await readQuota(ns)).status?.used).toEqual({
      'limits.cpu': '500m',
      'limits.memory': '256Mi',
      'requests.cpu': '100m',
      'requests.memory': '256Mi',
    });
  });

  it('refuses a pod over a LimitRange maximum, as LimitRanger validates after its defaults', async () => {
    const { core } = env().k;
    const ns = uniqueName('limits');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.createNamespacedLimitRange({
      namespace: ns,
      body: {
        metadata: { name: 'bounds' },
        spec: {
          limits: [
            { type: 'Container', max: { cpu: '1' }, min: { cpu: '50m' } },
          ],
        },
      },
    });
    const status = await expectStatus(
      core.createNamespacedPod({
        namespace: ns,
        body: pod('big', [['app', res({ cpu: '100m' }, { cpu: '2' })]]),
      }),
      403,
    );
    expect(status.message).toBe(
      'pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2',
    );
    // A container stating nothing gets the maximum as its default limit, and the default request defaults to the
    // default limit (before the minimum): 1 and 1, within bounds.
    const fitted = await core.createNamespacedPod({
      namespace: ns,
      body: pod('fitted', [['app', {}]]),
    });
    expect(fitted.spec?.containers[0].resources).toEqual({
      requests: { cpu: '1' },
      limits: { cpu: '1' },
    });
  });

  it('counts objects for count/<resource>.<group> and sends watchers the quota MODIFIED after each write', async () => {
    const { core, kc } = env().k;
    const ns = await namespaceWithQuota({
      'count/configmaps': '5',
      'count/deployments.apps': '2',
    });
    const watch = await startWatch(
      kc,
      `/api/v1/namespaces/${ns}/resourcequotas`,
    );
    await watch.until(e => e.length === 1);
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'a' } },
    });
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'b' } },
    });
    await core.deleteNamespacedConfigMap({ name: 'a', namespace: ns });
    const events = await watch.until(e => e.length === 4);
    watch.stop();
    expect(
      events.map(e => [
        e.type,
        (e.object.status as V1ResourceQuota['status'])?.used?.[
          'count/configmaps'
        ],
      ]),
    ).toEqual([
      ['ADDED', '0'],
      ['MODIFIED', '1'],
      ['MODIFIED', '2'],
      ['MODIFIED', '1'],
    ]);
    expect((await readQuota(ns)).status?.used).toEqual({
      'count/configmaps': '1',
      'count/deployments.apps': '0',
    });
  });

  it('refuses a pod that would go over a hard limit with 403 "exceeded quota", as the quota admission words it', async () => {
    const { core } = env().k;
    const ns = await namespaceWithQuota({
      'requests.cpu': '1',
      'limits.cpu': '2',
      pods: '5',
    });
    await core.createNamespacedPod({
      namespace: ns,
      body: pod('first', [['app', res({ cpu: '600m' }, { cpu: '1' })]]),
    });
    // 600m used + 500m requested = 1100m > 1; the limit (1 + 1 = 2) still fits, so only requests.cpu is named.
    const status = await expectStatus(
      core.createNamespacedPod({
        namespace: ns,
        body: pod('second', [['app', res({ cpu: '500m' }, { cpu: '1' })]]),
      }),
      403,
    );
    expect(status).toMatchObject({
      reason: 'Forbidden',
      message:
        'pods "second" is forbidden: exceeded quota: budget, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1',
      details: { name: 'second', kind: 'pods' },
    });
    expect((await readQuota(ns)).status?.used).toMatchObject({
      pods: '1',
      'requests.cpu': '600m',
    });
  });

  it('refuses a pod whose containers do not state a resource the quota covers', async () => {
    const { core } = env().k;
    const ns = await namespaceWithQuota({
      'requests.cpu': '1',
      'limits.memory': '1Gi',
    });
    const status = await expectStatus(
      core.createNamespacedPod({
        namespace: ns,
        body: pod(
          'bare',
          [
            ['app', { requests: { cpu: '100m' } }],
            ['log', {}],
          ],
          [['init', { limits: { memory: '64Mi' } }]],
        ),
      }),
      403,
    );
    // init's memory limit makes no cpu request (requests default to limits only for the limited resource).
    expect(status.message).toBe(
      'pods "bare" is forbidden: failed quota: budget: must specify limits.memory for: app,log; requests.cpu for: init,log',
    );
  });

  (runKubectlTests ? describe : describe.skip)('with kubectl', () => {
    const kubectl = kubectlFor(() => env().sim.url);

    it('shows the status to kubectl get resourcequota, as YAML and as the quota printer table', async () => {
      const { core } = env().k;
      const ns = await namespaceWithQuota({
        'requests.cpu': '2',
        'requests.memory': '2Gi',
        pods: '4',
      });
      await core.createNamespacedPod({
        namespace: ns,
        body: pod('web', [
          ['app', { requests: { cpu: '1500m', memory: '1536Mi' } }],
        ]),
      });
      const out = await kubectl.run(
        'get',
        'resourcequota',
        'budget',
        '-n',
        ns,
        '-o',
        'yaml',
      );
      expect(out.stderr).toBe('');
      expect(out.stdout).toContain(
        [
          'status:',
          '  hard:',
          '    pods: "4"',
          '    requests.cpu: "2"',
          '    requests.memory: 2Gi',
          '  used:',
          '    pods: "1"',
          '    requests.cpu: 1500m',
          '    requests.memory: 1536Mi',
        ].join('\n'),
      );
      const table = await kubectl.run('get', 'quota', '-n', ns);
      expect(table.stdout.split('\n')[0].split(/\s{2,}/)).toEqual([
        'NAME',
        'AGE',
        'REQUEST',
        'LIMIT',
      ]);
      // Request: what is not a limit, in name order, used/hard; no limits set, so Limit is empty.
      expect(table.stdout.split('\n')[1]).toMatch(
        /^budget\s+\d+s\s+pods: 1\/4, requests\.cpu: 1500m\/2, requests\.memory: 1536Mi\/2Gi\s*$/,
      );
    });
  });
});
