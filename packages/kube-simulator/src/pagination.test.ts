import { expectStatus, uniqueName, useSimulator } from './__testUtils__/kube';

describe('limit and continue', () => {
  const env = useSimulator();
  let ns: string;

  beforeAll(async () => {
    const { core } = env().k;
    ns = uniqueName('page');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    for (let i = 0; i < 7; i++) {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: {
          metadata: { name: `cm-${i}`, labels: { even: String(i % 2 === 0) } },
        },
      });
    }
  });

  it('pages through a list with an opaque continue token and remainingItemCount', async () => {
    const { core } = env().k;
    const pages: string[][] = [];
    const remaining: Array<number | undefined> = [];
    const tokens: string[] = [];
    let token: string | undefined;
    do {
      const page = await core.listNamespacedConfigMap({
        namespace: ns,
        limit: 3,
        _continue: token,
      });
      pages.push(page.items.map(i => i.metadata!.name!));
      remaining.push(page.metadata?.remainingItemCount);
      token = page.metadata?._continue;
      if (token) tokens.push(token);
    } while (token);
    expect(tokens).toHaveLength(2);
    expect(tokens.join()).not.toContain('cm-');
    expect(pages).toEqual([
      ['cm-0', 'cm-1', 'cm-2'],
      ['cm-3', 'cm-4', 'cm-5'],
      ['cm-6'],
    ]);
    expect(remaining).toEqual([4, 1, undefined]);
  });

  it('keeps the first page resourceVersion across continued pages', async () => {
    const { core } = env().k;
    const first = await core.listNamespacedConfigMap({
      namespace: ns,
      limit: 2,
    });
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'zz-late' } },
    });
    const second = await core.listNamespacedConfigMap({
      namespace: ns,
      limit: 2,
      _continue: first.metadata?._continue,
    });
    expect(second.metadata?.resourceVersion).toBe(
      first.metadata?.resourceVersion,
    );
    await core.deleteNamespacedConfigMap({ name: 'zz-late', namespace: ns });
  });

  it('pages within a label selection', async () => {
    const { core } = env().k;
    const first = await core.listNamespacedConfigMap({
      namespace: ns,
      labelSelector: 'even=true',
      limit: 2,
    });
    expect(first.items.map(i => i.metadata?.name)).toEqual(['cm-0', 'cm-2']);
    expect(first.metadata?.remainingItemCount).toBe(2);
    const second = await core.listNamespacedConfigMap({
      namespace: ns,
      labelSelector: 'even=true',
      limit: 2,
      _continue: first.metadata?._continue,
    });
    expect(second.items.map(i => i.metadata?.name)).toEqual(['cm-4', 'cm-6']);
    expect(second.metadata?._continue).toBeUndefined();
  });

  it('returns everything without a limit, and no continue when the page is the last', async () => {
    const { core } = env().k;
    const all = await core.listNamespacedConfigMap({ namespace: ns });
    expect(all.items).toHaveLength(7);
    expect(all.metadata?._continue).toBeUndefined();
    const exact = await core.listNamespacedConfigMap({
      namespace: ns,
      limit: 7,
    });
    expect(exact.metadata?._continue).toBeUndefined();
  });

  it('answers 400 for a continue token it did not issue', async () => {
    const status = await expectStatus(
      env().k.core.listNamespacedConfigMap({
        namespace: ns,
        limit: 2,
        _continue: 'not-a-token',
      }),
      400,
    );
    expect(status.message).toContain('continue key is not valid');
  });
});
