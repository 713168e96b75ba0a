import {
  ApiextensionsV1Api,
  PatchStrategy,
  V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import {
  expectStatus,
  patchAs,
  uniqueName,
  useSimulator,
} from './__testUtils__/kube';
import { kubectlFor, runKubectlTests } from './__testUtils__/kubectl';
import { startKubeSimulator } from './index';
import { startWatch, summary } from './__testUtils__/watch';

const GROUP = 'platform.example.org';
const VERSION = 'v1alpha1';

/** A Crossplane-style database claim definition, as the dev portal seeds it. */
function claimDefinition(
  plural = 'databaseclaims',
  kind = 'DatabaseClaim',
  scope: 'Namespaced' | 'Cluster' = 'Namespaced',
): V1CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${GROUP}` },
    spec: {
      group: GROUP,
      scope,
      names: { plural, kind, shortNames: [`${plural.slice(0, 3)}c`] },
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  required: ['engine', 'region'],
                  properties: {
                    engine: { type: 'string', _enum: ['postgres', 'mysql'] },
                    region: { type: 'string' },
                    instanceClass: { type: 'string' },
                    storageGB: { type: 'integer', minimum: 1 },
                  },
                },
              },
            },
          },
          additionalPrinterColumns: [
            { name: 'Engine', type: 'string', jsonPath: '.spec.engine' },
            { name: 'Region', type: 'string', jsonPath: '.spec.region' },
            {
              name: 'Age',
              type: 'date',
              jsonPath: '.metadata.creationTimestamp',
            },
          ],
        },
      ],
    },
  };
}

function claim(
  name: string,
  region = 'eu-west-1',
  labels: Record<string, string> = {},
) {
  return {
    apiVersion: `${GROUP}/${VERSION}`,
    kind: 'DatabaseClaim',
    metadata: { name, labels },
    spec: {
      engine: 'postgres',
      region,
      instanceClass: 'db.t3.medium',
      storageGB: 20,
    },
  };
}

describe('CustomResourceDefinitions and custom resources', () => {
  const env = useSimulator();
  const extensions = () => env().k.kc.makeApiClient(ApiextensionsV1Api);
  const get = async (path: string) => {
    const res = await fetch(`${env().sim.url}${path}`);
    return {
      status: res.status,
      body: (await res.json()) as Record<string, any>,
    };
  };

  async function namespace(): Promise<string> {
    const name = uniqueName('crd');
    await env().k.core.createNamespace({ body: { metadata: { name } } });
    return name;
  }

  async function define(crd = claimDefinition()): Promise<void> {
    await extensions().createCustomResourceDefinition({ body: crd });
  }

  async function undefine(plural = 'databaseclaims'): Promise<void> {
    await extensions().deleteCustomResourceDefinition({
      name: `${plural}.${GROUP}`,
    });
  }

  it('establishes a definition and serves its group, version and plural in discovery until it is deleted', async () => {
    await define();
    const crd = await extensions().readCustomResourceDefinition({
      name: `databaseclaims.${GROUP}`,
    });
    expect(crd.spec.names).toMatchObject({
      singular: 'databaseclaim',
      listKind: 'DatabaseClaimList',
    });
    expect(
      crd.status?.conditions?.map(c => [c.type, c.status, c.reason]),
    ).toEqual([
      ['NamesAccepted', 'True', 'NoConflicts'],
      ['Established', 'True', 'InitialNamesAccepted'],
    ]);
    expect(crd.status?.acceptedNames).toMatchObject({
      plural: 'databaseclaims',
      kind: 'DatabaseClaim',
    });
    expect(crd.status?.storedVersions).toEqual([VERSION]);

    const groups = (await get('/apis')).body.groups.map(
      (g: { name: string }) => g.name,
    );
    expect(groups).toContain(GROUP);
    const resources = await get(`/apis/${GROUP}/${VERSION}`);
    expect(resources.body.resources).toEqual([
      {
        name: 'databaseclaims',
        singularName: 'databaseclaim',
        namespaced: true,
        kind: 'DatabaseClaim',
        verbs: [
          'create',
          'delete',
          'deletecollection',
          'get',
          'list',
          'patch',
          'update',
          'watch',
        ],
        shortNames: ['datc'],
      },
    ]);
    const ns = await namespace();
    await env().k.custom.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'databaseclaims',
      body: claim('orders'),
    });

    await undefine();
    expect(
      (await get('/apis')).body.groups.map((g: { name: string }) => g.name),
    ).not.toContain(GROUP);
    expect((await get(`/apis/${GROUP}/${VERSION}`)).status).toBe(404);
    const gone = await expectStatus(
      env().k.custom.listNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: ns,
        plural: 'databaseclaims',
      }),
      404,
    );
    expect(gone.reason).toBe('NotFound');
    // Defined again, the type starts empty: the claims went with the definition.
    await define();
    const list = await env().k.custom.listNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'databaseclaims',
    });
    expect(list.items).toEqual([]);
    await undefine();
  });

  it('serves create, get, list with selectors, patch, update and delete through CustomObjectsApi and KubernetesObjectApi', async () => {
    await define();
    const { custom, objects } = env().k;
    const ns = await namespace();
    const where = {
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'databaseclaims',
    };
    const created = await custom.createNamespacedCustomObject({
      ...where,
      body: claim('orders', 'eu-west-1', { tier: 'gold' }),
    });
    expect(created).toMatchObject({
      apiVersion: `${GROUP}/${VERSION}`,
      kind: 'DatabaseClaim',
      metadata: { name: 'orders', namespace: ns, generation: 1 },
    });
    await objects.create({
      ...claim('reports', 'us-east-1'),
      metadata: { name: 'reports', namespace: ns },
    });
    const read = await objects.read({
      apiVersion: `${GROUP}/${VERSION}`,
      kind: 'DatabaseClaim',
      metadata: { name: 'reports', namespace: ns },
    });
    expect((read as { spec?: unknown }).spec).toMatchObject({
      region: 'us-east-1',
    });

    const list = await custom.listNamespacedCustomObject({
      ...where,
      labelSelector: 'tier=gold',
    });
    expect(list).toMatchObject({
      apiVersion: `${GROUP}/${VERSION}`,
      kind: 'DatabaseClaimList',
    });
    // Custom resources carry apiVersion and kind on list items.
    expect(
      list.items.map((i: any) => [i.apiVersion, i.kind, i.metadata.name]),
    ).toEqual([[`${GROUP}/${VERSION}`, 'DatabaseClaim', 'orders']]);
    const byName = await custom.listNamespacedCustomObject({
      ...where,
      fieldSelector: 'metadata.name=reports',
    });
    expect(byName.items.map((i: any) => i.metadata.name)).toEqual(['reports']);

    const patched = await custom.patchNamespacedCustomObject(
      { ...where, name: 'orders', body: { spec: { storageGB: 50 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(patched.spec.storageGB).toBe(50);
    expect(patched.metadata.generation).toBe(2);
    const replaced = await custom.replaceNamespacedCustomObject({
      ...where,
      name: 'orders',
      body: {
        ...patched,
        spec: { ...patched.spec, instanceClass: 'db.t3.small' },
      },
    });
    expect(replaced.spec.instanceClass).toBe('db.t3.small');

    // Server-side apply works; a strategic merge patch is refused, as custom resources have no patch strategy.
    const applied = await objects.patch(
      {
        ...claim('orders', 'eu-central-1'),
        metadata: { name: 'orders', namespace: ns },
      },
      undefined,
      undefined,
      'platform-team',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect((applied as { spec?: { region?: string } }).spec?.region).toBe(
      'eu-central-1',
    );
    const smp = await expectStatus(
      custom.patchNamespacedCustomObject(
        { ...where, name: 'orders', body: { spec: { storageGB: 60 } } },
        patchAs(PatchStrategy.StrategicMergePatch),
      ),
      415,
    );
    expect(smp.message).toContain(
      'accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );

    await custom.deleteNamespacedCustomObject({ ...where, name: 'orders' });
    await expectStatus(
      custom.getNamespacedCustomObject({ ...where, name: 'orders' }),
      404,
    );
    const all = await custom.listClusterCustomObject({
      group: GROUP,
      version: VERSION,
      plural: 'databaseclaims',
    });
    expect(all.items.map((i: any) => i.metadata.name)).toEqual(['reports']);
    await custom.deleteCollectionNamespacedCustomObject(where);
    expect((await custom.listNamespacedCustomObject(where)).items).toEqual([]);
    await undefine();
  });

  it('keeps the objects when the definition is updated, serving its new names', async () => {
    await define();
    const ns = await namespace();
    const where = {
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'databaseclaims',
    };
    await env().k.custom.createNamespacedCustomObject({
      ...where,
      body: claim('orders'),
    });
    const stored = await extensions().readCustomResourceDefinition({
      name: `databaseclaims.${GROUP}`,
    });
    stored.spec.names.shortNames = ['dbc'];
    await extensions().replaceCustomResourceDefinition({
      name: `databaseclaims.${GROUP}`,
      body: stored,
    });
    const resources = await get(`/apis/${GROUP}/${VERSION}`);
    expect(resources.body.resources[0].shortNames).toEqual(['dbc']);
    const list = await env().k.custom.listNamespacedCustomObject(where);
    expect(list.items.map((i: any) => i.metadata.name)).toEqual(['orders']);
    await undefine();
  });

  it('serves cluster-scoped definitions at the cluster path only', async () => {
    await define(
      claimDefinition('databaseclasses', 'DatabaseClass', 'Cluster'),
    );
    const { custom } = env().k;
    await custom.createClusterCustomObject({
      group: GROUP,
      version: VERSION,
      plural: 'databaseclasses',
      body: {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'DatabaseClass',
        metadata: { name: 'small' },
      },
    });
    const read = await custom.getClusterCustomObject({
      group: GROUP,
      version: VERSION,
      plural: 'databaseclasses',
      name: 'small',
    });
    expect(read.metadata.namespace).toBeUndefined();
    expect(
      (
        await get(
          `/apis/${GROUP}/${VERSION}/namespaces/default/databaseclasses`,
        )
      ).status,
    ).toBe(404);
    await undefine('databaseclasses');
  });

  it('streams custom resource changes to watches, and deleting the definition deletes its objects and ends them', async () => {
    await define();
    const { custom, kc } = env().k;
    const ns = await namespace();
    const where = {
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'databaseclaims',
    };
    await custom.createNamespacedCustomObject({ ...where, body: claim('a') });
    const watch = await startWatch(
      kc,
      `/apis/${GROUP}/${VERSION}/namespaces/${ns}/databaseclaims`,
    );
    await watch.until(e => e.length === 1);
    await custom.createNamespacedCustomObject({ ...where, body: claim('b') });
    await custom.patchNamespacedCustomObject(
      { ...where, name: 'a', body: { spec: { storageGB: 30 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await undefine();
    const events = await watch.until(e => e.length === 5);
    expect(summary(events)).toEqual([
      'ADDED a',
      'ADDED b',
      'MODIFIED a',
      'DELETED a',
      'DELETED b',
    ]);
    expect(events[0].object).toMatchObject({
      apiVersion: `${GROUP}/${VERSION}`,
      kind: 'DatabaseClaim',
    });
    expect(await watch.ended).toBeNull();
  });

  it('admits custom resources through ValidatingAdmissionPolicies matching their group and resource', async () => {
    await define();
    const { custom, objects } = env().k;
    const ns = await namespace();
    await objects.create({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'claim-regions' },
      spec: {
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: [GROUP],
              apiVersions: ['*'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['databaseclaims'],
            },
          ],
        },
        validations: [
          {
            expression: "object.spec.region in ['eu-west-1', 'eu-central-1']",
            message: 'databases must stay in the EU',
          },
        ],
      },
    } as any);
    await objects.create({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'claim-regions' },
      spec: { policyName: 'claim-regions', validationActions: ['Deny'] },
    } as any);
    const where = {
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'databaseclaims',
    };
    await custom.createNamespacedCustomObject({ ...where, body: claim('eu') });
    const denied = await expectStatus(
      custom.createNamespacedCustomObject({
        ...where,
        body: claim('us', 'us-east-1'),
      }),
      422,
    );
    expect(denied.message).toBe(
      `databaseclaims.${GROUP} "us" is forbidden: ValidatingAdmissionPolicy 'claim-regions' with binding 'claim-regions' denied request: databases must stay in the EU`,
    );
    await objects.delete({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'claim-regions' },
    });
    await undefine();
  });

  it('validates custom resources against the schema and prunes fields it does not declare, as fieldValidation asks', async () => {
    await define();
    const ns = await namespace();
    const { custom } = env().k;
    const where = {
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'databaseclaims',
    };
    const bad = claim('bad');
    const status = await expectStatus(
      custom.createNamespacedCustomObject({
        ...where,
        body: {
          ...bad,
          spec: { engine: 'oracle', instanceClass: 7, storageGB: 0 },
        },
      }),
      422,
    );
    expect(status.message).toBe(
      `DatabaseClaim.${GROUP} "bad" is invalid: [spec.region: Required value, spec.engine: Unsupported value: "oracle": supported values: "postgres", "mysql", spec.instanceClass: Invalid value: "integer": spec.instanceClass in body must be of type string: "integer", spec.storageGB: Invalid value: 0: spec.storageGB in body should be greater than or equal to 1]`,
    );
    expect(status.details?.causes?.map(c => [c.reason, c.field])).toEqual([
      ['FieldValueRequired', 'spec.region'],
      ['FieldValueNotSupported', 'spec.engine'],
      ['FieldValueInvalid', 'spec.instanceClass'],
      ['FieldValueInvalid', 'spec.storageGB'],
    ]);

    const post = (body: object, query = '') =>
      fetch(
        `${
          env().sim.url
        }/apis/${GROUP}/${VERSION}/namespaces/${ns}/databaseclaims${query}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        },
      );
    const extra = (name: string) => ({
      ...claim(name),
      spec: { ...claim(name).spec, backups: 'daily' },
      status: { phase: 'Bound' },
    });
    const warned = await post(extra('warned'));
    expect(warned.status).toBe(201);
    expect(warned.headers.get('warning')).toBe(
      '299 - "unknown field \\"spec.backups\\"", 299 - "unknown field \\"status\\""',
    );
    const stored = (await warned.json()) as { spec: object; status?: object };
    expect(stored.spec).toEqual(claim('warned').spec);
    expect(stored.status).toBeUndefined();
    const strict = await post(extra('strict'), '?fieldValidation=Strict');
    expect(strict.status).toBe(400);
    expect(((await strict.json()) as { message: string }).message).toBe(
      'DatabaseClaim in version "v1alpha1" cannot be handled as a DatabaseClaim: strict decoding error: unknown field "spec.backups", unknown field "status"',
    );
    await undefine();
  });

  it('counts custom resources for count/<plural>.<group> quotas and refuses one over the hard limit', async () => {
    await define();
    const ns = await namespace();
    const { core, custom } = env().k;
    await core.createNamespacedResourceQuota({
      namespace: ns,
      body: {
        metadata: { name: 'claims' },
        spec: { hard: { [`count/databaseclaims.${GROUP}`]: '1' } },
      },
    });
    const where = {
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'databaseclaims',
    };
    await custom.createNamespacedCustomObject({ ...where, body: claim('a') });
    const quota = await core.readNamespacedResourceQuota({
      name: 'claims',
      namespace: ns,
    });
    expect(quota.status?.used).toEqual({
      [`count/databaseclaims.${GROUP}`]: '1',
    });
    const status = await expectStatus(
      custom.createNamespacedCustomObject({ ...where, body: claim('b') }),
      403,
    );
    const key = `count/databaseclaims.${GROUP}`;
    expect(status.message).toBe(
      `databaseclaims.${GROUP} "b" is forbidden: exceeded quota: claims, requested: ${key}=1, used: ${key}=1, limited: ${key}=1`,
    );
    await undefine();
  });

  it('establishes a definition of a type served built in without changing how it is served', async () => {
    const { objects } = env().k;
    await extensions().createCustomResourceDefinition({
      body: {
        metadata: { name: 'policyreports.wgpolicyk8s.io' },
        spec: {
          group: 'wgpolicyk8s.io',
          scope: 'Namespaced',
          names: { plural: 'policyreports', kind: 'PolicyReport' },
          versions: [
            {
              name: 'v1alpha2',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object' } },
            },
          ],
        },
      },
    });
    const crd = await extensions().readCustomResourceDefinition({
      name: 'policyreports.wgpolicyk8s.io',
    });
    expect(
      crd.status?.conditions?.find(c => c.type === 'Established')?.status,
    ).toBe('True');
    const ns = await namespace();
    // The built-in type keeps its fields: a schema of { type: object } would prune `results`.
    await objects.create({
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'report', namespace: ns },
      results: [{ policy: 'p', result: 'pass' }],
    } as any);
    const read = await objects.read({
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'report', namespace: ns },
    });
    expect((read as { results?: unknown[] }).results).toHaveLength(1);
    await extensions().deleteCustomResourceDefinition({
      name: 'policyreports.wgpolicyk8s.io',
    });
    expect(
      (await objects.list('wgpolicyk8s.io/v1alpha2', 'PolicyReport', ns)).items,
    ).toHaveLength(1);
  });

  it('does not establish a definition whose names another definition of the group holds', async () => {
    await define();
    // Same kind (and so list kind) as databaseclaims, under another plural.
    await define(claimDefinition('claims', 'DatabaseClaim'));
    const crd = await extensions().readCustomResourceDefinition({
      name: `claims.${GROUP}`,
    });
    expect(
      crd.status?.conditions?.map(c => [c.type, c.status, c.reason, c.message]),
    ).toEqual([
      [
        'NamesAccepted',
        'False',
        'ListKindConflict',
        '"DatabaseClaimList" is already in use',
      ],
      ['Established', 'False', 'NotAccepted', 'not all names are accepted'],
    ]);
    // The singular (databaseclaim), kind and list kind are taken; the last conflict found is the one reported.
    expect(crd.status?.acceptedNames).toEqual({
      plural: 'claims',
      shortNames: ['clac'],
    });
    const resources = await get(`/apis/${GROUP}/${VERSION}`);
    expect(
      resources.body.resources.map((r: { name: string }) => r.name),
    ).toEqual(['databaseclaims']);
    expect((await get(`/apis/${GROUP}/${VERSION}/claims`)).status).toBe(404);
    // Once databaseclaims goes, its names are free and claims is established.
    await undefine();
    const freed = await extensions().readCustomResourceDefinition({
      name: `claims.${GROUP}`,
    });
    expect(
      freed.status?.conditions?.map(c => [c.type, c.status, c.reason]),
    ).toEqual([
      ['NamesAccepted', 'True', 'NoConflicts'],
      ['Established', 'True', 'InitialNamesAccepted'],
    ]);
    expect((await get(`/apis/${GROUP}/${VERSION}/claims`)).status).toBe(200);
    await undefine('claims');
  });

  it('refuses an invalid definition with 422 naming the fields', async () => {
    const crd = claimDefinition();
    crd.metadata!.name = 'claims.example.org';
    crd.spec.scope = 'Global';
    const status = await expectStatus(
      extensions().createCustomResourceDefinition({ body: crd }),
      422,
    );
    expect(status.details?.causes?.map(c => c.field)).toEqual([
      'metadata.name',
      'spec.scope',
    ]);
    expect(status.message).toContain(
      'metadata.name: Invalid value: "claims.example.org": must be spec.names.plural+"."+spec.group',
    );
  });

  it('serves custom resources defined in the seed objects', async () => {
    const sim = await startKubeSimulator({
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
        { ...claim('orders'), metadata: { name: 'orders', namespace: 'shop' } },
        claimDefinition(),
      ],
    });
    try {
      expect(
        sim
          .listObjects(`${GROUP}/${VERSION}`, 'DatabaseClaim', 'shop')
          .map(o => (o as { metadata: { name?: string } }).metadata.name),
      ).toEqual(['orders']);
    } finally {
      await sim.close();
    }
  });

  (runKubectlTests ? describe : describe.skip)('with kubectl', () => {
    const kubectl = kubectlFor(() => env().sim.url);

    it('serves kubectl: apply and re-apply, get databaseclaims with the printer columns and short name, get crd', async () => {
      await define();
      const ns = await namespace();
      const file = kubectl.file(
        'claim.yaml',
        JSON.stringify({
          ...claim('orders'),
          metadata: { name: 'orders', namespace: ns },
        }),
      );
      const applied = await kubectl.run('apply', '-f', file);
      expect(applied.stderr).toBe('');
      expect(applied.stdout.trim()).toBe(
        `databaseclaim.${GROUP}/orders created`,
      );
      const out = await kubectl.run('get', 'databaseclaims', '-n', ns);
      expect(out.stderr).toBe('');
      const lines = out.stdout.trim().split('\n');
      expect(lines[0].split(/\s+/)).toEqual([
        'NAME',
        'ENGINE',
        'REGION',
        'AGE',
      ]);
      expect(lines[1].split(/\s+/).slice(0, 3)).toEqual([
        'orders',
        'postgres',
        'eu-west-1',
      ]);
      const short = await kubectl.run('get', 'datc', '-n', ns, '-o', 'name');
      expect(short.stdout.trim()).toBe(`databaseclaim.${GROUP}/orders`);
      const crds = await kubectl.run('get', 'crd');
      expect(crds.stdout.split('\n')[0].split(/\s{2,}/)).toEqual([
        'NAME',
        'CREATED AT',
      ]);
      expect(crds.stdout).toMatch(
        /databaseclaims\.platform\.example\.org\s+\d{4}-\d\d-\d\dT/,
      );
      // Applying a change patches the claim (kubectl sends a merge patch for a custom resource).
      const changed = kubectl.file(
        'claim.yaml',
        JSON.stringify({
          ...claim('orders', 'eu-central-1'),
          metadata: { name: 'orders', namespace: ns },
        }),
      );
      const reapplied = await kubectl.run('apply', '-f', changed);
      expect(reapplied.stderr).toBe('');
      expect(reapplied.stdout.trim()).toBe(
        `databaseclaim.${GROUP}/orders configured`,
      );
      const region = await kubectl.run(
        'get',
        'databaseclaim',
        'orders',
        '-n',
        ns,
        '-o',
        'jsonpath={.spec.region}',
      );
      expect(region.stdout).toBe('eu-central-1');
      await undefine();
    });
  });
});
