import { startKubeSimulator } from './index';
import { clientsFor, expectStatus, useSimulator } from './__testUtils__/kube';

describe('bearer-token authentication and allow lists', () => {
  const env = useSimulator({
    tokens: [
      'admin-token',
      { token: 'reader-token', verbs: ['get', 'list'] },
      { token: 'team-token', namespaces: ['team-a'] },
    ],
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'team-a' },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'team-b' },
      },
    ],
  });

  it('answers 401 Unauthorized without a token or with an unknown one', async () => {
    for (const token of [undefined, 'wrong-token']) {
      const k = clientsFor(env().sim.url, token);
      const status = await expectStatus(
        k.objects.read({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'team-a' },
        }),
        401,
      );
      expect(status).toMatchObject({
        reason: 'Unauthorized',
        message: 'Unauthorized',
      });
      await expectStatus(k.core.listNamespace(), 401);
    }
  });

  it('serves /version and health checks without a token, as public information', async () => {
    const anonymous = clientsFor(env().sim.url);
    expect((await anonymous.version.getCode()).major).toBe('1');
    const health = await fetch(`${env().sim.url}/readyz`);
    expect(await health.text()).toBe('ok');
    expect((await fetch(`${env().sim.url}/api`)).status).toBe(401);
    expect((await fetch(`${env().sim.url}/no/such/path`)).status).toBe(401);
  });

  it('lets a token without rules do everything', async () => {
    const { core } = env().k;
    await core.createNamespacedConfigMap({
      namespace: 'team-b',
      body: { metadata: { name: 'admin-made' } },
    });
    await core.deleteNamespacedConfigMap({
      name: 'admin-made',
      namespace: 'team-b',
    });
    expect((await core.listNamespace()).items.length).toBeGreaterThan(0);
  });

  it('answers 403 Forbidden naming verb, resource and namespace outside the verb allow list', async () => {
    const reader = clientsFor(env().sim.url, 'reader-token');
    expect(
      (
        await reader.core.readNamespacedConfigMap({
          name: 'settings',
          namespace: 'team-a',
        })
      ).metadata?.name,
    ).toBe('settings');
    expect(
      (await reader.core.listConfigMapForAllNamespaces()).items.length,
    ).toBe(2);
    const status = await expectStatus(
      reader.core.createNamespacedConfigMap({
        namespace: 'team-a',
        body: { metadata: { name: 'nope' } },
      }),
      403,
    );
    expect(status).toMatchObject({
      reason: 'Forbidden',
      message:
        'configmaps is forbidden: User "token-2" cannot create resource "configmaps" in API group "" in the namespace "team-a"',
      details: { kind: 'configmaps' },
    });
    const del = await expectStatus(
      reader.apps.deleteNamespacedDeployment({
        name: 'web',
        namespace: 'team-a',
      }),
      403,
    );
    expect(del.message).toBe(
      'deployments.apps "web" is forbidden: User "token-2" cannot delete resource "deployments" in API group "apps" in the namespace "team-a"',
    );
  });

  it('confines a token with a namespace list to those namespaces', async () => {
    const team = clientsFor(env().sim.url, 'team-token');
    await team.core.createNamespacedConfigMap({
      namespace: 'team-a',
      body: { metadata: { name: 'mine' } },
    });
    expect(
      (await team.core.readNamespace({ name: 'team-a' })).metadata?.name,
    ).toBe('team-a');

    const other = await expectStatus(
      team.core.readNamespacedConfigMap({
        name: 'settings',
        namespace: 'team-b',
      }),
      403,
    );
    expect(other.message).toContain('in the namespace "team-b"');
    const all = await expectStatus(
      team.core.listConfigMapForAllNamespaces(),
      403,
    );
    expect(all.message).toContain(
      'cannot list resource "configmaps" in API group "" at the cluster scope',
    );
    await expectStatus(team.core.listNamespace(), 403);
    await expectStatus(team.rbac.listClusterRole(), 403);
  });

  it('serves discovery to every valid token, which the generic object API needs', async () => {
    const team = clientsFor(env().sim.url, 'team-token');
    const version = await team.version.getCode();
    expect(version.major).toBe('1');
    const cm = await team.objects.read({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'mine', namespace: 'team-a' },
    });
    expect(cm.metadata?.name).toBe('mine');
  });

  it('rejects malformed token rules at start', async () => {
    await expect(
      startKubeSimulator({ tokens: [{ token: '' }] }),
    ).rejects.toThrow('tokens[0] must be a non-empty string');
    await expect(
      startKubeSimulator({ tokens: [{ token: 't', verbs: ['escalate'] }] }),
    ).rejects.toThrow('tokens[0].verbs has unknown verb "escalate"');
  });
});
