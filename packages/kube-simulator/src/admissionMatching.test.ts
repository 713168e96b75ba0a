import { KubernetesObject } from '@kubernetes/client-node';
import {
  binding,
  configMap,
  createAll,
  deleteAll,
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

/** A policy refusing whatever it matches, with a message naming it. */
const refuseAll = (name: string, spec: Record<string, unknown>) =>
  policy(name, {
    validations: [{ expression: 'false', message: `${name} matched` }],
    ...spec,
  });

describe('which requests a policy and its bindings select', () => {
  const env = useSimulator();
  let installed: KubernetesObject[] = [];

  async function install(...objects: KubernetesObject[]) {
    installed = objects;
    await createAll(env().k, ...objects);
  }
  afterEach(async () => {
    await deleteAll(env().k, ...installed.reverse());
    installed = [];
  });

  async function expectRefused(object: KubernetesObject, name: string) {
    const status = await expectStatus(env().k.objects.create(object), 422);
    expect(status.message).toContain(`denied request: ${name} matched`);
  }
  const expectAdmitted = (object: KubernetesObject) =>
    expect(env().k.objects.create(object)).resolves.toBeDefined();

  async function freshNamespace(labels: Record<string, string> = {}) {
    const name = uniqueName('match');
    await expectAdmitted(namespace(name, labels));
    return name;
  }

  it('matches operations, API groups, versions, resources and resource names', async () => {
    const ns = await freshNamespace();
    await install(
      refuseAll('named-cm', {
        matchConstraints: {
          resourceRules: [
            { ...rule(['configmaps']), resourceNames: ['locked'] },
          ],
        },
      }),
      binding('named-cm', 'named-cm', ['Deny']),
    );
    await expectRefused(configMap(ns, 'locked'), 'named-cm');
    await expectAdmitted(configMap(ns, 'open'));
    // An apps rule does not select core objects, nor a DELETE rule a create.
    await deleteAll(env().k, ...installed.reverse());
    await install(
      refuseAll('apps-only', {
        matchConstraints: {
          resourceRules: [
            rule(['deployments'], ['apps']),
            rule(['configmaps'], [''], ['DELETE']),
          ],
        },
      }),
      binding('apps-only', 'apps-only', ['Deny']),
    );
    await expectAdmitted(configMap(ns, 'other'));
    await expectRefused(deploymentManifest(ns, 'web'), 'apps-only');
    await expectStatus(
      env().k.core.deleteNamespacedConfigMap({ name: 'other', namespace: ns }),
      422,
    );
  });

  it('excludeResourceRules and scope narrow the match; cluster-scoped objects ignore namespaceSelector', async () => {
    const ns = await freshNamespace({ env: 'prod' });
    await install(
      refuseAll('namespaced', {
        matchConstraints: {
          resourceRules: [{ ...rule(['*']), scope: 'Namespaced' }],
          excludeResourceRules: [rule(['secrets'])],
          namespaceSelector: { matchLabels: { env: 'prod' } },
        },
      }),
      binding('namespaced', 'namespaced', ['Deny']),
    );
    await expectRefused(configMap(ns, 'cm'), 'namespaced');
    await expectAdmitted({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: ns },
    });
    // Namespaces are cluster-scoped for `scope`, so a Namespaced rule leaves them alone.
    await expectAdmitted(namespace(uniqueName('prod'), { env: 'prod' }));
  });

  it("namespaceSelector reads a Namespace's own labels when it is the object", async () => {
    await install(
      refuseAll('prod-ns', {
        matchConstraints: {
          resourceRules: [rule(['namespaces'])],
          namespaceSelector: { matchLabels: { env: 'prod' } },
        },
      }),
      binding('prod-ns', 'prod-ns', ['Deny']),
    );
    await expectRefused(namespace(uniqueName('p'), { env: 'prod' }), 'prod-ns');
    await expectAdmitted(namespace(uniqueName('d'), { env: 'dev' }));
  });

  it('objectSelector matches the new or the old object', async () => {
    const ns = await freshNamespace();
    await expectAdmitted(configMap(ns, 'was-locked', {}, { locked: 'true' }));
    await install(
      refuseAll('locked', {
        matchConstraints: {
          resourceRules: [rule(['configmaps'])],
          objectSelector: {
            matchExpressions: [{ key: 'locked', operator: 'Exists' }],
          },
        },
      }),
      binding('locked', 'locked', ['Deny']),
    );
    await expectRefused(
      configMap(ns, 'new-locked', {}, { locked: 'yes' }),
      'locked',
    );
    // Removing the label is still an update of a selected (old) object.
    await expectStatus(
      env().k.objects.replace(configMap(ns, 'was-locked')),
      422,
    );
    await expectAdmitted(configMap(ns, 'plain'));
  });

  it("a binding's matchResources further restricts its policy, each binding on its own", async () => {
    const dev = await freshNamespace({ env: 'dev' });
    const prod = await freshNamespace({ env: 'prod' });
    const only = (environment: string) => ({
      matchResources: {
        namespaceSelector: { matchLabels: { env: environment } },
      },
    });
    await install(
      refuseAll('by-env', {}),
      binding('by-env.prod', 'by-env', ['Deny'], only('prod')),
      binding('by-env.dev', 'by-env', ['Warn'], only('dev')),
    );
    const status = await expectStatus(
      env().k.objects.create(configMap(prod, 'a')),
      422,
    );
    expect(status.message).toContain("with binding 'by-env.prod'");
    const info = await env().k.core.createNamespacedConfigMapWithHttpInfo({
      namespace: dev,
      body: { metadata: { name: 'a' } },
    });
    expect(info.headers.warning).toContain("with binding 'by-env.dev'");
  });

  it('ignores bindings of absent policies and policies without bindings', async () => {
    const ns = await freshNamespace();
    await install(
      binding('orphan', 'no-such-policy', ['Deny']),
      refuseAll('unbound', {}),
    );
    await expectAdmitted(configMap(ns, 'cm'));
  });

  it('matchConditions must all be true; a false one skips the policy', async () => {
    const ns = await freshNamespace();
    await install(
      refuseAll('conditioned', {
        matchConditions: [
          { name: 'is-create', expression: "request.operation == 'CREATE'" },
          {
            name: 'flagged',
            expression: "has(object.data) && 'flag' in object.data",
          },
        ],
      }),
      binding('conditioned', 'conditioned', ['Deny']),
    );
    await expectRefused(configMap(ns, 'flagged', { flag: '1' }), 'conditioned');
    await expectAdmitted(configMap(ns, 'unflagged', { other: '1' }));
    await expectAdmitted(configMap(ns, 'flagged-later', {}));
    await env().k.objects.replace(
      configMap(ns, 'flagged-later', { flag: '1' }),
    );
  });

  it('matches subresources only when a rule names them; policy objects are exempt', async () => {
    const ns = await freshNamespace();
    await expectAdmitted(deploymentManifest(ns, 'web'));
    await install(
      refuseAll('deploy-status', {
        matchConstraints: {
          resourceRules: [rule(['deployments/status'], ['apps'])],
        },
      }),
      binding('deploy-status', 'deploy-status', ['Deny']),
      refuseAll('everything', {
        matchConstraints: { resourceRules: [rule(['*'], ['*'], ['*'])] },
        matchConditions: [
          {
            name: 'not-main',
            expression:
              "request.resource.resource != 'deployments' && request.resource.resource != 'configmaps'",
          },
        ],
      }),
      binding('everything', 'everything', ['Deny']),
    );
    await env().k.apps.replaceNamespacedDeployment({
      name: 'web',
      namespace: ns,
      body: { ...deploymentManifest(ns, 'web', 2) },
    });
    await expectStatus(
      env().k.apps.replaceNamespacedDeploymentStatus({
        name: 'web',
        namespace: ns,
        body: { ...deploymentManifest(ns, 'web'), status: { replicas: 1 } },
      }),
      422,
    );
    // The policy matching every resource leaves writes of policies and bindings alone.
    await expectAdmitted(binding('another', 'everything', ['Audit']));
    installed.push(binding('another', 'everything', ['Audit']));
  });
});
