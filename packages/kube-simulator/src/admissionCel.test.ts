import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import {
  binding,
  configMap,
  createAll,
  deleteAll,
  namespace,
  policy,
  rule,
} from './__testUtils__/admission';
import { expectStatus, uniqueName, useSimulator } from './__testUtils__/kube';

/** A policy that always fails, echoing a CEL string expression as its message. */
const echo = (name: string, messageExpression: string, extra = {}) =>
  policy(name, {
    matchConstraints: {
      resourceRules: [rule(['configmaps'], [''], ['*'])],
      objectSelector: { matchLabels: { echo: name } },
    },
    validations: [{ expression: 'false', messageExpression }],
    ...extra,
  });

describe('what CEL sees: object, oldObject, request, namespaceObject, variables, params', () => {
  const env = useSimulator({ tokens: ['admin'] });
  const ns = uniqueName('cel');

  beforeAll(async () => {
    await createAll(env().k, namespace(ns, { team: 'payments' }));
  });

  async function echoed(call: Promise<unknown>) {
    const status = await expectStatus(call, 422);
    return status.message.split('denied request: ')[1];
  }

  it('request carries operation, names, kind, resource, the user, dryRun and options', async () => {
    const { k } = env();
    const p = echo(
      'request',
      "[request.operation, request.namespace, request.name, request.kind.kind, request.resource.group + '/' + request.resource.version + '/' + request.resource.resource, request.userInfo.username, request.userInfo.groups.join(','), string(request.dryRun), request.options.kind, request.options.fieldManager].join(' ')",
    );
    await createAll(k, p, binding('request', 'request', ['Deny']));
    const cm = configMap(ns, 'r', {}, { echo: 'request' });
    expect(
      await echoed(
        k.core.createNamespacedConfigMap({
          namespace: ns,
          body: cm,
          dryRun: 'All',
          fieldManager: 'me',
        }),
      ),
    ).toBe(
      `CREATE ${ns} r ConfigMap /v1/configmaps token-1 system:authenticated true CreateOptions me`,
    );
  });

  it('oldObject is null on create and the stored object on update; namespaceObject is the namespace', async () => {
    const { k } = env();
    const p = echo(
      'old',
      "(oldObject == null ? 'none' : oldObject.data.v) + ' -> ' + object.data.v + ' in ' + namespaceObject.metadata.labels.team + ' ' + string(has(namespaceObject.metadata.managedFields))",
    );
    await createAll(k, p);
    await k.objects.create(configMap(ns, 'o', { v: '1' }, { echo: 'old' }));
    await createAll(k, binding('old', 'old', ['Deny']));
    expect(
      await echoed(
        k.objects.create(configMap(ns, 'o2', { v: '1' }, { echo: 'old' })),
      ),
    ).toBe('none -> 1 in payments false');
    expect(
      await echoed(
        k.objects.replace(configMap(ns, 'o', { v: '2' }, { echo: 'old' })),
      ),
    ).toBe('1 -> 2 in payments false');
    await deleteAll(k, binding('old', 'old', ['Deny']));
  });

  it('variables evaluate lazily: one that fails only affects expressions reading it', async () => {
    const { k } = env();
    await createAll(
      k,
      policy('lazy', {
        matchConstraints: {
          resourceRules: [rule(['configmaps'])],
          objectSelector: { matchLabels: { echo: 'lazy' } },
        },
        variables: [
          { name: 'broken', expression: 'object.data.missing' },
          { name: 'mode', expression: 'object.data.mode' },
          { name: 'safe', expression: "variables.mode == 'safe'" },
        ],
        validations: [
          {
            expression: 'variables.safe',
            messageExpression: "'mode is ' + variables.mode",
          },
        ],
      }),
      binding('lazy', 'lazy', ['Deny']),
    );
    await k.objects.create(
      configMap(ns, 'safe', { mode: 'safe' }, { echo: 'lazy' }),
    );
    expect(
      await echoed(
        k.objects.create(
          configMap(ns, 'risky', { mode: 'risky' }, { echo: 'lazy' }),
        ),
      ),
    ).toBe('mode is risky');
  });

  it('params come from the binding paramRef: by name, by selector, or not found', async () => {
    const { k } = env();
    await createAll(
      k,
      configMap(ns, 'limits', { max: '2' }, { kind: 'limit' }),
      configMap(ns, 'limits-strict', { max: '1' }, { kind: 'limit' }),
      policy('params', {
        paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
        matchConstraints: {
          resourceRules: [rule(['configmaps'])],
          objectSelector: {
            matchExpressions: [{ key: 'params', operator: 'Exists' }],
          },
        },
        validations: [
          {
            expression:
              'params == null || size(object.data) <= int(params.data.max)',
            messageExpression:
              "'at most ' + params.data.max + ' keys (' + params.metadata.name + ')'",
          },
        ],
      }),
      binding('params-by-name', 'params', ['Deny'], {
        paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' },
        matchResources: { objectSelector: { matchLabels: { params: 'name' } } },
      }),
      binding('params-by-selector', 'params', ['Deny'], {
        paramRef: {
          selector: { matchLabels: { kind: 'limit' } },
          parameterNotFoundAction: 'Allow',
        },
        matchResources: {
          objectSelector: { matchLabels: { params: 'selector' } },
        },
      }),
      binding('params-missing', 'params', ['Deny'], {
        paramRef: { name: 'absent', parameterNotFoundAction: 'Deny' },
        matchResources: {
          objectSelector: { matchLabels: { params: 'missing' } },
        },
      }),
    );
    const three = { a: '1', b: '2', c: '3' };
    expect(
      await echoed(
        k.objects.create(configMap(ns, 'p1', three, { params: 'name' })),
      ),
    ).toBe('at most 2 keys (limits)');
    await k.objects.create(
      configMap(ns, 'p2', { a: '1', b: '2' }, { params: 'name' }),
    );
    expect(
      await echoed(
        k.objects.create(
          configMap(ns, 'p3', { a: '1', b: '2' }, { params: 'selector' }),
        ),
      ),
    ).toBe('at most 1 keys (limits-strict)');
    expect(
      await echoed(
        k.objects.create(configMap(ns, 'p4', {}, { params: 'missing' })),
      ),
    ).toBe(
      'failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction',
    );
  });

  it('server-side apply creates or updates, and every patch type updates', async () => {
    const { k } = env();
    await createAll(
      k,
      echo('operation', "request.operation + ' ' + request.options.kind", {
        matchConditions: [
          {
            name: 'marked',
            expression: "has(object.data) && 'deny' in object.data",
          },
        ],
      }),
      binding('operation', 'operation', ['Deny']),
    );
    const cm = (data: Record<string, string>) =>
      configMap(ns, 'applied', data, { echo: 'operation' });
    const apply = (data: Record<string, string>) =>
      k.objects.patch(
        cm(data),
        undefined,
        undefined,
        'tester',
        undefined,
        PatchStrategy.ServerSideApply,
      );
    expect(await echoed(apply({ deny: '1' }))).toBe('CREATE CreateOptions');
    await apply({ ok: '1' });
    expect(await echoed(apply({ deny: '1' }))).toBe('UPDATE UpdateOptions');
    for (const strategy of [
      PatchStrategy.MergePatch,
      PatchStrategy.StrategicMergePatch,
    ]) {
      expect(
        await echoed(
          k.objects.patch(
            cm({ deny: '1' }),
            undefined,
            undefined,
            'tester',
            undefined,
            strategy,
          ),
        ),
      ).toBe('UPDATE UpdateOptions');
    }
    const jsonPatch = k.core.patchNamespacedConfigMap(
      {
        name: 'applied',
        namespace: ns,
        body: [{ op: 'add', path: '/data/deny', value: '1' }],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(await echoed(jsonPatch)).toBe('UPDATE UpdateOptions');
  });
});
