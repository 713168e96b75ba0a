import {
  binding,
  configMap,
  createAll,
  namespace,
  policy,
  rule,
} from './__testUtils__/admission';
import {
  deploymentManifest,
  expectStatus,
  uniqueName,
  useSimulator,
} from './__testUtils__/kube';
import { kubectlFor, runKubectlTests } from './__testUtils__/kubectl';

const PROTECTED = 'guardrails.dev/protected';

/** Deleting anything labelled protected is refused; the message shows what CEL saw. */
const protection = [
  policy('deletion-protection', {
    matchConstraints: {
      resourceRules: [
        rule(['namespaces', 'configmaps'], [''], ['DELETE']),
        rule(['deployments'], ['apps'], ['DELETE']),
      ],
      objectSelector: { matchLabels: { [PROTECTED]: 'true' } },
    },
    validations: [
      {
        expression: 'false',
        messageExpression:
          "request.operation + ' of ' + oldObject.kind + ' ' + oldObject.metadata.name + (object == null ? ' (object null)' : '') + ' with ' + request.options.kind",
      },
    ],
  }),
  binding('deletion-protection', 'deletion-protection', ['Deny']),
];

const labels = { [PROTECTED]: 'true' };

describe('deletes go through admission with oldObject set', () => {
  const env = useSimulator();

  beforeAll(async () => {
    await createAll(env().k, ...protection);
  });

  it('refuses deleting a protected Namespace and keeps it', async () => {
    const { k } = env();
    const ns = uniqueName('keep');
    await createAll(k, namespace(ns, labels));
    const status = await expectStatus(
      k.core.deleteNamespace({ name: ns }),
      422,
    );
    expect(status.message).toBe(
      `namespaces "${ns}" is forbidden: ValidatingAdmissionPolicy 'deletion-protection' with binding 'deletion-protection' denied request: DELETE of Namespace ${ns} (object null) with DeleteOptions`,
    );
    expect((await k.core.readNamespace({ name: ns })).status?.phase).toBe(
      'Active',
    );
    const other = uniqueName('gone');
    await createAll(k, namespace(other));
    await k.core.deleteNamespace({ name: other });
  });

  it('refuses deleting a protected Deployment through AppsV1Api', async () => {
    const { k } = env();
    const ns = uniqueName('apps');
    const manifest = deploymentManifest(ns, 'web');
    const deployment = {
      ...manifest,
      metadata: {
        ...manifest.metadata,
        labels: { ...manifest.metadata.labels, ...labels },
      },
    };
    await createAll(k, namespace(ns), deployment);
    const status = await expectStatus(
      k.apps.deleteNamespacedDeployment({
        name: 'web',
        namespace: ns,
        body: { propagationPolicy: 'Foreground' },
      }),
      422,
    );
    expect(status.details).toMatchObject({
      name: 'web',
      group: 'apps',
      kind: 'deployments',
    });
    expect(status.message).toContain('DELETE of Deployment web (object null)');
    await k.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
  });

  it('deletecollection deletes what admission allows and answers the first refusal', async () => {
    const { k } = env();
    const ns = uniqueName('collection');
    await createAll(
      k,
      namespace(ns),
      configMap(ns, 'a-free'),
      configMap(ns, 'b-kept', {}, labels),
      configMap(ns, 'c-free'),
    );
    const status = await expectStatus(
      k.core.deleteCollectionNamespacedConfigMap({ namespace: ns }),
      422,
    );
    // The API server admits each object of a collection without a request name.
    expect(status.message).toMatch(
      /^configmaps "Unknown" is forbidden: .*DELETE of ConfigMap b-kept/,
    );
    const left = await k.core.listNamespacedConfigMap({ namespace: ns });
    expect(left.items.map(c => c.metadata?.name)).toEqual(['b-kept']);
  });

  it('dry-run deletes are admitted too', async () => {
    const { k } = env();
    const ns = uniqueName('dry');
    await createAll(k, namespace(ns, labels));
    await expectStatus(
      k.core.deleteNamespace({ name: ns, dryRun: 'All' }),
      422,
    );
  });
});

(runKubectlTests ? describe : describe.skip)(
  'kubectl delete namespace through admission',
  () => {
    const env = useSimulator();
    const kubectl = kubectlFor(() => env().sim.url);

    beforeAll(async () => {
      await createAll(env().k, ...protection);
    });

    it('fails with exit code 1 and the denial on stderr for a protected namespace', async () => {
      const ns = uniqueName('kubectl-keep');
      await createAll(env().k, namespace(ns, labels));
      const result = await kubectl.run('delete', 'namespace', ns);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `ValidatingAdmissionPolicy 'deletion-protection' with binding 'deletion-protection' denied request: DELETE of Namespace ${ns}`,
      );
      expect((await kubectl.run('get', 'namespace', ns)).code).toBe(0);
    });

    it('deletes an unprotected namespace', async () => {
      const ns = uniqueName('kubectl-gone');
      await createAll(env().k, namespace(ns));
      const result = await kubectl.run(
        'delete',
        'namespace',
        ns,
        '--wait=false',
      );
      expect(result).toMatchObject({
        code: 0,
        stdout: `namespace "${ns}" deleted\n`,
      });
    });
  },
);
