import { expectStatus, uniqueName, useSimulator } from './__testUtils__/kube';

describe('label and field selectors', () => {
  const env = useSimulator();
  let ns: string;
  let other: string;

  beforeAll(async () => {
    const { core } = env().k;
    ns = uniqueName('sel');
    other = uniqueName('sel');
    for (const name of [ns, other])
      await core.createNamespace({ body: { metadata: { name } } });
    const maps: Array<[string, Record<string, string>]> = [
      ['api', { app: 'shop', tier: 'backend', env: 'prod' }],
      ['web', { app: 'shop', tier: 'frontend', env: 'prod' }],
      ['batch', { app: 'shop', tier: 'backend', env: 'dev', canary: 'true' }],
      ['tools', { team: 'platform' }],
    ];
    for (const [name, labels] of maps) {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name, labels } },
      });
    }
    await core.createNamespacedConfigMap({
      namespace: other,
      body: { metadata: { name: 'api', labels: { app: 'shop' } } },
    });
  });

  async function names(
    labelSelector?: string,
    fieldSelector?: string,
  ): Promise<string[]> {
    const list = await env().k.core.listNamespacedConfigMap({
      namespace: ns,
      labelSelector,
      fieldSelector,
    });
    return list.items.map(i => i.metadata!.name!);
  }

  it.each([
    ['app=shop', ['api', 'batch', 'web']],
    ['app==shop,tier=backend', ['api', 'batch']],
    ['tier!=backend', ['tools', 'web']],
    ['env in (prod, staging)', ['api', 'web']],
    ['env notin (prod)', ['batch', 'tools']],
    ['canary', ['batch']],
    ['!canary', ['api', 'tools', 'web']],
    ['app=shop,env in (dev,prod),!canary', ['api', 'web']],
    ['team', ['tools']],
    ['app=nothing', []],
  ])('selects %s', async (selector, expected) => {
    expect(await names(selector)).toEqual(expected);
  });

  it('answers 400 BadRequest for a selector it cannot parse', async () => {
    const status = await expectStatus(
      env().k.core.listNamespacedConfigMap({
        namespace: ns,
        labelSelector: 'env in ()',
      }),
      400,
    );
    expect(status.reason).toBe('BadRequest');
    expect(status.message).toContain('unable to parse requirement');
    await expectStatus(
      env().k.core.listNamespacedConfigMap({
        namespace: ns,
        labelSelector: 'a=b=c',
      }),
      400,
    );
  });

  it('selects by metadata.name and metadata.namespace fields', async () => {
    expect(await names(undefined, 'metadata.name=web')).toEqual(['web']);
    expect(await names(undefined, 'metadata.name!=web')).toEqual([
      'api',
      'batch',
      'tools',
    ]);
    const all = await env().k.core.listConfigMapForAllNamespaces({
      fieldSelector: `metadata.namespace=${other}`,
    });
    expect(
      all.items.map(i => `${i.metadata?.namespace}/${i.metadata?.name}`),
    ).toEqual([`${other}/api`]);
    expect(await names('tier=backend', 'metadata.name==api')).toEqual(['api']);
  });

  it('answers 400 for fields it does not index', async () => {
    const status = await expectStatus(
      env().k.core.listNamespacedConfigMap({
        namespace: ns,
        fieldSelector: 'data.key=x',
      }),
      400,
    );
    expect(status.message).toBe('field label not supported: data.key');
  });

  it('applies selectors to cross-namespace lists through the generic object API', async () => {
    const list = await env().k.objects.list(
      'v1',
      'ConfigMap',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      'app=shop,tier',
    );
    expect(list.items.map(i => i.metadata?.name)).toEqual([
      'api',
      'batch',
      'web',
    ]);
  });
});
