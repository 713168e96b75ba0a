import { parseQuantity } from '@guardrails-dev/plugin-guardrails-engine';
import { PatchStrategy, V1Pod } from '@kubernetes/client-node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledSeedsDir, loadSeedFile, startKubeSimulator } from './index';
import {
  Clients,
  clientsFor,
  expectStatus,
  useSimulator,
} from './__testUtils__/kube';

describe('seed files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-simulator-seed-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const seedFile = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  const ns = (name: string) =>
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

  it('parses multi-document YAML, skipping empty documents', () => {
    const path = seedFile(
      'ok.yaml',
      `# comment\n---\n${ns(
        'shop',
      )}---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\n`,
    );
    expect(loadSeedFile(path)).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cm', namespace: 'shop' },
      },
    ]);
  });

  it.each([
    [
      'broken YAML',
      `${ns('a')}---\nmetadata: [unclosed\n`,
      /broken YAML\.yaml: document 2 \(line 5\): invalid YAML/,
    ],
    [
      'an unknown type',
      'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n',
      /document 1 \(line 1\): example\.com\/v1 Gadget is not a type the simulator serves/,
    ],
    [
      'no kind',
      'apiVersion: v1\nmetadata: {name: g}\n',
      /document 1 \(line 1\): kind is required/,
    ],
    [
      'a namespace the file does not declare',
      `${ns(
        'a',
      )}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: b}\n`,
      /document 2 \(line 5\): namespace "b" is not declared in this file; add a Namespace document for it/,
    ],
    [
      'an invalid name',
      ns('Not_Valid'),
      /document 1 \(line 1\): Namespace Not_Valid is invalid: metadata\.name: Invalid value/,
    ],
    [
      'a namespaced object without namespace',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n',
      /document 1 \(line 1\): ConfigMap cm: metadata\.namespace is required for the namespaced kind ConfigMap/,
    ],
    [
      'a cluster-scoped object with a namespace',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r, namespace: default}\n',
      /ClusterRole is cluster-scoped/,
    ],
    [
      'a duplicate',
      `${ns('a')}---\n${ns('a')}`,
      /document 2 \(line 5\): v1 Namespace \/a is defined twice/,
    ],
    [
      'a bad managedFields entry',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: default, managedFields: [{manager: x, operation: Create}]}\n',
      /managedFields\[0\]\.operation must be Apply or Update/,
    ],
  ])('rejects %s, naming file and document', (name, text, message) => {
    const path = seedFile(`${name}.yaml`, text);
    expect(() => loadSeedFile(path)).toThrow(message);
  });

  it('names the file it cannot read', () => {
    expect(() => loadSeedFile(join(dir, 'absent.yaml'))).toThrow(
      /cannot read seed file .*absent\.yaml/,
    );
  });

  it('lets objects use the built-in namespaces without declaring them', () => {
    const path = seedFile(
      'builtin.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: kube-system}\n',
    );
    expect(loadSeedFile(path)).toHaveLength(1);
  });

  it('seeds a simulator from files and objects, keeping the uids that link owners', async () => {
    const path = seedFile(
      'owners.yaml',
      `${ns(
        'shop',
      )}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot, namespace: shop, uid: 11111111-2222-4333-8444-555555555555}\nautomountServiceAccountToken: false\n`,
    );
    const sim = await startKubeSimulator({
      seed: path,
      objects: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'extra', namespace: 'shop' },
        },
      ],
    });
    try {
      const k = clientsFor(sim.url);
      const sa = await k.core.readNamespacedServiceAccount({
        name: 'robot',
        namespace: 'shop',
      });
      expect(sa.metadata?.uid).toBe('11111111-2222-4333-8444-555555555555');
      expect(
        sa.metadata?.managedFields?.map(m => [m.manager, m.operation]),
      ).toEqual([['kubectl-client-side-apply', 'Update']]);
      expect(
        (
          await k.core.readNamespacedConfigMap({
            name: 'extra',
            namespace: 'shop',
          })
        ).metadata?.name,
      ).toBe('extra');
    } finally {
      await sim.close();
    }
  });

  it('rejects seeds whose namespace is missing or that repeat an object', async () => {
    await expect(
      startKubeSimulator({
        objects: [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'cm', namespace: 'nope' },
          },
        ],
      }),
    ).rejects.toThrow(
      'objects[0]: namespace "nope" does not exist; seed a Namespace object for it',
    );
    await expect(
      startKubeSimulator({
        objects: [
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: 'default' },
          },
        ],
      }),
    ).rejects.toThrow(
      'objects[0]: v1 Namespace /default already exists in the cluster',
    );
    await expect(
      startKubeSimulator({ seed: join(dir, 'absent.yaml') }),
    ).rejects.toThrow('cannot read seed file');
  });
});

describe('bundled seeds', () => {
  it('are found at bundledSeedsDir and load', () => {
    expect(bundledSeedsDir).toMatch(/packages[\\/]kube-simulator[\\/]seeds$/);
    for (const env of ['dev', 'staging', 'prod']) {
      const objects = loadSeedFile(join(bundledSeedsDir, `${env}.yaml`));
      expect(objects.length).toBeGreaterThan(50);
    }
  });

  it.each(['dev', 'staging', 'prod'])(
    'start the %s cluster with every quota within its hard limits, only ledger-worker-prod over 80 %, and the claims served',
    async name => {
      const sim = await startKubeSimulator({
        seed: join(bundledSeedsDir, `${name}.yaml`),
      });
      try {
        const quotas = sim.listObjects('v1', 'ResourceQuota');
        expect(quotas.length).toBe(4);
        const over80: string[] = [];
        for (const q of quotas) {
          const { metadata, status } = q as {
            metadata: { namespace: string };
            status: Record<string, Record<string, string>>;
          };
          const { hard, used } = status;
          expect(Object.keys(used).sort()).toEqual(Object.keys(hard).sort());
          for (const [resource, limit] of Object.entries(hard)) {
            const share =
              parseQuantity(used[resource]).asApproximateFloat() /
              parseQuantity(limit).asApproximateFloat();
            expect(share).toBeLessThanOrEqual(1);
            if (share > 0.8) over80.push(`${metadata.namespace} ${resource}`);
          }
        }
        // What the seeds' header comments promise: one quota over 80 %, in prod.
        expect(over80).toEqual(
          name === 'prod' ? ['ledger-worker-prod requests.cpu'] : [],
        );
        expect(
          sim
            .listObjects('platform.example.org/v1alpha1', 'DatabaseClaim')
            .map(c => (c as { metadata: { name?: string } }).metadata.name),
        ).toEqual([
          'inventory-service-db',
          'ledger-worker-db',
          'payments-api-db',
        ]);
      } finally {
        await sim.close();
      }
    },
  );

  describe('the prod cluster', () => {
    const env = useSimulator({
      name: 'prod',
      seed: join(bundledSeedsDir, 'prod.yaml'),
    });
    let k: Clients;
    beforeAll(() => {
      k = env().k;
    });

    const components = [
      'payments-api',
      'checkout-web',
      'inventory-service',
      'ledger-worker',
      'search-indexer',
    ];
    const owners: Record<string, string> = {
      'payments-api': 'payments',
      'checkout-web': 'storefront',
      'inventory-service': 'storefront',
      'ledger-worker': 'payments',
      'search-indexer': 'platform',
    };

    it('has a labelled namespace per example component', async () => {
      for (const component of components) {
        const ns = await k.core.readNamespace({ name: `${component}-prod` });
        expect(ns.metadata?.labels).toMatchObject({
          'backstage.io/kubernetes-id': component,
          'guardrails.dev/environment': 'prod',
          'guardrails.dev/owner': `group.default.${owners[component]}`,
          'guardrails.dev/component': component,
          'guardrails.dev/cost-center': expect.stringMatching(/^cc-\d+$/),
          'pod-security.kubernetes.io/enforce': expect.any(String),
        });
        expect(ns.metadata?.annotations?.['guardrails.dev/entity-ref']).toBe(
          `component:default/${component}`,
        );
      }
      const selected = await k.core.listNamespace({
        labelSelector: 'app.kubernetes.io/managed-by=backstage-guardrails',
      });
      expect(selected.items.map(n => n.metadata?.name)).toEqual([
        'payments-api-prod',
        'search-indexer-prod',
      ]);
    });

    it('links pods to their Deployment through ReplicaSets', async () => {
      const ns = 'payments-api-prod';
      const deployment = await k.apps.readNamespacedDeployment({
        name: 'payments-api',
        namespace: ns,
      });
      const sets = await k.apps.listNamespacedReplicaSet({ namespace: ns });
      const pods = await k.core.listNamespacedPod({
        namespace: ns,
        labelSelector: 'backstage.io/kubernetes-id=payments-api',
      });
      expect(pods.items).toHaveLength(3);
      for (const pod of pods.items) {
        const owner = pod.metadata?.ownerReferences?.[0];
        const rs = sets.items.find(s => s.metadata?.uid === owner?.uid);
        expect(rs?.metadata?.ownerReferences?.[0]).toMatchObject({
          kind: 'Deployment',
          name: 'payments-api',
          uid: deployment.metadata?.uid,
        });
      }
    });

    it('runs payments-api compliantly', async () => {
      const ns = 'payments-api-prod';
      const dep = await k.apps.readNamespacedDeployment({
        name: 'payments-api',
        namespace: ns,
      });
      expect(dep.spec?.replicas).toBe(3);
      const pod = dep.spec!.template.spec!;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      for (const c of pod.containers) {
        expect(c.image).toMatch(
          /^registry\.internal\.example\.com\/.+@sha256:[0-9a-f]{64}$/,
        );
        expect(c.resources?.limits).toEqual(
          expect.objectContaining({
            cpu: expect.any(String),
            memory: expect.any(String),
          }),
        );
        expect(c.livenessProbe).toBeDefined();
        expect(c.readinessProbe).toBeDefined();
      }
      expect(
        (await k.core.listNamespacedResourceQuota({ namespace: ns })).items,
      ).toHaveLength(1);
      expect(
        (await k.core.listNamespacedLimitRange({ namespace: ns })).items,
      ).toHaveLength(1);
      const policies = await k.networking.listNamespacedNetworkPolicy({
        namespace: ns,
      });
      expect(
        policies.items.find(p => p.metadata?.name === 'default-deny')?.spec
          ?.podSelector,
      ).toEqual({});
      const pdbs = await k.objects.list('policy/v1', 'PodDisruptionBudget', ns);
      expect(pdbs.items).toHaveLength(1);
    });

    it('shows the violations of the other components', async () => {
      const containers = async (
        kind: 'deployment' | 'statefulset',
        name: string,
      ) => {
        const ns = `${name}-prod`;
        const obj =
          kind === 'deployment'
            ? await k.apps.readNamespacedDeployment({ name, namespace: ns })
            : await k.apps.readNamespacedStatefulSet({ name, namespace: ns });
        return obj.spec!.template.spec!;
      };
      const checkout = await containers('deployment', 'checkout-web');
      expect(
        checkout.containers.some(c => c.securityContext?.privileged === true),
      ).toBe(true);
      expect(checkout.containers.some(c => c.image?.endsWith(':latest'))).toBe(
        true,
      );

      const inventory = await containers('deployment', 'inventory-service');
      expect(
        inventory.containers.every(c => c.resources?.limits === undefined),
      ).toBe(true);
      expect(
        (
          await k.networking.listNamespacedNetworkPolicy({
            namespace: 'inventory-service-prod',
          })
        ).items,
      ).toEqual([]);

      const ledger = await containers('statefulset', 'ledger-worker');
      expect(ledger.securityContext?.runAsUser).toBe(0);
      expect(ledger.volumes?.some(v => v.hostPath)).toBe(true);
      const roles = await k.rbac.listNamespacedRole({
        namespace: 'ledger-worker-prod',
      });
      expect(
        roles.items.some(r => r.rules?.some(rule => rule.verbs.includes('*'))),
      ).toBe(true);

      const indexer = await k.apps.readNamespacedDeployment({
        name: 'search-indexer',
        namespace: 'search-indexer-prod',
      });
      expect(indexer.spec?.replicas).toBe(1);
      expect(
        indexer.spec?.template.spec?.containers[0].env?.some(
          e => /PASSWORD|SECRET/.test(e.name) && e.value,
        ),
      ).toBe(true);
    });

    it('carries a Kyverno-style PolicyReport and objects in the default namespace', async () => {
      const reports = (await k.custom.listClusterCustomObject({
        group: 'wgpolicyk8s.io',
        version: 'v1alpha2',
        plural: 'policyreports',
      })) as {
        items: Array<{
          metadata: { namespace: string };
          results: Array<{ policy: string; result: string }>;
        }>;
      };
      expect(reports.items).toHaveLength(1);
      expect(reports.items[0].metadata.namespace).toBe('checkout-web-prod');
      expect(
        reports.items[0].results
          .filter(r => r.result === 'fail')
          .map(r => r.policy),
      ).toEqual(['disallow-privileged-containers', 'disallow-latest-tag']);
      expect(
        (
          await k.core.readNamespacedService({
            name: 'kubernetes',
            namespace: 'default',
          })
        ).spec?.clusterIP,
      ).toBe('10.96.0.1');
    });

    it('maps every pod to a workload through its owner chain', async () => {
      const pods = (await k.core.listPodForAllNamespaces()).items.filter(
        (p: V1Pod) => p.metadata?.namespace !== 'default',
      );
      expect(pods.length).toBeGreaterThan(10);
      for (const pod of pods) {
        expect(pod.metadata?.ownerReferences?.[0]?.controller).toBe(true);
      }
    });

    it("computes every quota's status from the seeded pods: ledger-worker over 80 % of requests.cpu, the others well below", async () => {
      const quotas = (await k.core.listResourceQuotaForAllNamespaces()).items;
      const shares = quotas.map(q => {
        const cpu = (v: string) =>
          v.endsWith('m') ? Number(v.slice(0, -1)) / 1000 : Number(v);
        return [
          q.metadata?.namespace,
          cpu(q.status!.used!['requests.cpu']) /
            cpu(q.status!.hard!['requests.cpu']),
        ];
      });
      expect(shares.filter(([, share]) => Number(share) > 0.8)).toEqual([
        ['ledger-worker-prod', 500 / 600],
      ]);
      // ledger-worker: two pods of the stateful set, each requesting 250m and 512Mi with limits of 500m and 1Gi.
      const ledger = quotas.find(
        q => q.metadata?.namespace === 'ledger-worker-prod',
      );
      expect(ledger?.status).toEqual({
        hard: {
          'limits.cpu': '4',
          'limits.memory': '8Gi',
          pods: '10',
          'requests.cpu': '600m',
          'requests.memory': '4Gi',
        },
        used: {
          'limits.cpu': '1',
          'limits.memory': '2Gi',
          pods: '2',
          'requests.cpu': '500m',
          'requests.memory': '1Gi',
        },
      });
      // search-indexer: the deployment's pod counts, last night's Succeeded job pod does not.
      const search = quotas.find(
        q => q.metadata?.namespace === 'search-indexer-prod',
      );
      expect(search?.status?.used).toMatchObject({ pods: '1' });
    });

    it('serves the DatabaseClaim definition and one claim per component that has a database', async () => {
      const claims = await k.custom.listClusterCustomObject({
        group: 'platform.example.org',
        version: 'v1alpha1',
        plural: 'databaseclaims',
      });
      expect(
        claims.items.map((c: any) => [
          c.metadata.namespace,
          c.spec.region,
          c.spec.instanceClass,
          c.metadata.labels['backstage.io/kubernetes-id'],
        ]),
      ).toEqual([
        [
          'inventory-service-prod',
          'us-east-1',
          'db.t3.medium',
          'inventory-service',
        ],
        [
          'ledger-worker-prod',
          'eu-central-1',
          'db.r6g.8xlarge',
          'ledger-worker',
        ],
        ['payments-api-prod', 'eu-west-1', 'db.t3.medium', 'payments-api'],
      ]);
      const payments = claims.items.find(
        (c: any) => c.metadata.namespace === 'payments-api-prod',
      );
      expect(payments.metadata.labels).toMatchObject({
        'guardrails.dev/owner': 'group.default.payments',
        'guardrails.dev/cost-center': 'cc-1001',
      });
    });

    it('records suite-provisioned objects as applied by backstage-guardrails, so re-provisioning does not conflict', async () => {
      const seeded = await k.core.readNamespace({ name: 'payments-api-prod' });
      const { 'kubernetes.io/metadata.name': _server, ...labels } =
        seeded.metadata!.labels!;
      const ns = {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'payments-api-prod',
          labels: {
            ...labels,
            'pod-security.kubernetes.io/enforce': 'baseline',
          },
          annotations: seeded.metadata!.annotations,
        },
        spec: { finalizers: ['kubernetes'] },
      };
      const applied = await k.objects.patch(
        ns,
        undefined,
        undefined,
        'backstage-guardrails',
        undefined,
        PatchStrategy.ServerSideApply,
      );
      expect(
        applied.metadata?.labels?.['pod-security.kubernetes.io/enforce'],
      ).toBe('baseline');
      const conflict = await expectStatus(
        k.objects.patch(
          {
            ...ns,
            metadata: {
              ...ns.metadata,
              labels: { 'guardrails.dev/owner': 'x' },
            },
          },
          undefined,
          undefined,
          'someone-else',
          undefined,
          PatchStrategy.ServerSideApply,
        ),
        409,
      );
      expect(conflict.message).toContain(
        'conflict with "backstage-guardrails"',
      );
    });
  });
});
