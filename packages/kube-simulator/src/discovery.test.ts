import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useSimulator } from './__testUtils__/kube';
import { kubectlAvailable, runKubectlTests } from './__testUtils__/kubectl';

const run = promisify(execFile);

/** Every type the simulator serves: apiVersion, kind, plural, namespaced. */
const SERVED: Array<[string, string, string, boolean]> = [
  ['v1', 'Namespace', 'namespaces', false],
  ['v1', 'Pod', 'pods', true],
  ['v1', 'Service', 'services', true],
  ['v1', 'ServiceAccount', 'serviceaccounts', true],
  ['v1', 'ConfigMap', 'configmaps', true],
  ['v1', 'Secret', 'secrets', true],
  ['v1', 'ResourceQuota', 'resourcequotas', true],
  ['v1', 'LimitRange', 'limitranges', true],
  ['apps/v1', 'Deployment', 'deployments', true],
  ['apps/v1', 'StatefulSet', 'statefulsets', true],
  ['apps/v1', 'DaemonSet', 'daemonsets', true],
  ['apps/v1', 'ReplicaSet', 'replicasets', true],
  ['batch/v1', 'Job', 'jobs', true],
  ['batch/v1', 'CronJob', 'cronjobs', true],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', true],
  ['rbac.authorization.k8s.io/v1', 'Role', 'roles', true],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings', true],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterroles', false],
  [
    'rbac.authorization.k8s.io/v1',
    'ClusterRoleBinding',
    'clusterrolebindings',
    false,
  ],
  ['policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true],
  [
    'admissionregistration.k8s.io/v1',
    'ValidatingAdmissionPolicy',
    'validatingadmissionpolicies',
    false,
  ],
  [
    'admissionregistration.k8s.io/v1',
    'ValidatingAdmissionPolicyBinding',
    'validatingadmissionpolicybindings',
    false,
  ],
  [
    'apiextensions.k8s.io/v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
  ],
  ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'policyreports', true],
  [
    'wgpolicyk8s.io/v1alpha2',
    'ClusterPolicyReport',
    'clusterpolicyreports',
    false,
  ],
  ['openreports.io/v1alpha1', 'Report', 'reports', true],
];

describe('discovery', () => {
  const env = useSimulator({ name: 'discovery-test' });

  it('answers /version with the Kubernetes version and the cluster name', async () => {
    const info = await env().k.version.getCode();
    expect(info).toMatchObject({ major: '1', minor: '33' });
    expect(info.gitVersion).toMatch(/^v1\.33\.0\+kube-simulator$/);
    const raw = await (await fetch(`${env().sim.url}/version`)).json();
    expect(raw.clusterName).toBe('discovery-test');
  });

  it('lists the core version at /api and every group at /apis', async () => {
    const core = await env().k.coreGroup.getAPIVersions();
    expect(core.versions).toEqual(['v1']);
    const groups = await env().k.apis.getAPIVersions();
    expect(
      groups.groups.map(g => g.preferredVersion?.groupVersion).sort(),
    ).toEqual([
      'admissionregistration.k8s.io/v1',
      'apiextensions.k8s.io/v1',
      'apps/v1',
      'batch/v1',
      'networking.k8s.io/v1',
      'openreports.io/v1alpha1',
      'policy/v1',
      'rbac.authorization.k8s.io/v1',
      'wgpolicyk8s.io/v1alpha2',
    ]);
  });

  it.each(SERVED)(
    'describes %s %s in its APIResourceList and serves its list',
    async (apiVersion, kind, plural, namespaced) => {
      const url = `${env().sim.url}/${
        apiVersion.includes('/') ? 'apis' : 'api'
      }/${apiVersion}`;
      const list = await (await fetch(url)).json();
      expect(list).toMatchObject({
        kind: 'APIResourceList',
        groupVersion: apiVersion,
      });
      const entry = list.resources.find(
        (r: { name: string }) => r.name === plural,
      );
      expect(entry).toMatchObject({
        kind,
        namespaced,
        singularName: kind.toLowerCase(),
      });
      expect(entry.verbs).toEqual(
        expect.arrayContaining([
          'create',
          'delete',
          'get',
          'list',
          'patch',
          'update',
          'watch',
        ]),
      );

      const objects = await env().k.objects.list(
        apiVersion,
        kind,
        namespaced ? 'default' : undefined,
      );
      // A new cluster has only its four built-in namespaces.
      expect(objects.items).toHaveLength(kind === 'Namespace' ? 4 : 0);
    },
  );

  it('serves typed group resource lists to client-node', async () => {
    const apps = await env().k.apps.getAPIResources();
    expect(
      apps.resources
        .filter(r => !r.name.includes('/'))
        .map(r => r.kind)
        .sort(),
    ).toEqual(['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet']);
    const custom = await env().k.custom.listNamespacedCustomObject({
      group: 'wgpolicyk8s.io',
      version: 'v1alpha2',
      namespace: 'default',
      plural: 'policyreports',
    });
    expect(custom).toMatchObject({ kind: 'PolicyReportList', items: [] });
  });

  it('serves an OpenAPI v3 index and one document per group version, as kubectl reads them', async () => {
    const index = await (await fetch(`${env().sim.url}/openapi/v3`)).json();
    const served = [...new Set(SERVED.map(([apiVersion]) => apiVersion))].map(
      v => (v.includes('/') ? `apis/${v}` : `api/${v}`),
    );
    expect(Object.keys(index.paths).sort()).toEqual(served.sort());
    for (const [apiVersion, kind, plural, namespaced] of SERVED) {
      const gv = apiVersion.includes('/')
        ? `apis/${apiVersion}`
        : `api/${apiVersion}`;
      const url: string = index.paths[gv].serverRelativeURL;
      expect(url).toMatch(new RegExp(`^/openapi/v3/${gv}\\?hash=[0-9A-F]+$`));
      const doc = await (await fetch(`${env().sim.url}${url}`)).json();
      expect(doc.openapi).toMatch(/^3\./);
      const item = `/${gv}/${
        namespaced ? 'namespaces/{namespace}/' : ''
      }${plural}/{name}`;
      const [group, version] = apiVersion.includes('/')
        ? apiVersion.split('/')
        : ['', apiVersion];
      // What kubectl checks before it leaves field validation to the server.
      expect(doc.paths[item].patch).toMatchObject({
        'x-kubernetes-group-version-kind': { group, version, kind },
      });
      expect(
        doc.paths[item].patch.parameters.map((p: { name: string }) => p.name),
      ).toContain('fieldValidation');
    }
  });

  it('answers 404 for the OpenAPI v2 document, which it does not serve', async () => {
    const res = await fetch(`${env().sim.url}/openapi/v2`);
    expect(res.status).toBe(404);
  });

  it('answers 404 for paths and groups it does not serve', async () => {
    for (const path of [
      '/apis/example.com/v1',
      '/api/v2',
      '/api/v1/gadgets',
      '/nothing',
    ]) {
      const res = await fetch(`${env().sim.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        kind: 'Status',
        reason: 'NotFound',
      });
    }
  });
});

(runKubectlTests ? describe : describe.skip)(
  'kubectl against the simulator',
  () => {
    const env = useSimulator({
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'web-1', namespace: 'shop' },
          spec: {
            containers: [
              { name: 'web', image: 'registry.example.com/web:1.0.0' },
            ],
          },
          status: { phase: 'Running' },
        },
      ],
    });
    let dir: string;
    let kubeconfig: string;

    beforeAll(() => {
      if (!kubectlAvailable)
        throw new Error(
          'kubectl is not on PATH: run .ci/setup/ensure-kubectl.sh (the kubectl tests do not skip under CI)',
        );
      dir = mkdtempSync(join(tmpdir(), 'kube-simulator-kubectl-'));
      kubeconfig = join(dir, 'config');
      writeFileSync(
        kubeconfig,
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name: 'sim', cluster: { server: env().sim.url } }],
          users: [{ name: 'user', user: {} }],
          contexts: [
            { name: 'sim', context: { cluster: 'sim', user: 'user' } },
          ],
          'current-context': 'sim',
        }),
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const kubectl = async (...args: string[]) =>
      (
        await run('kubectl', [
          '--kubeconfig',
          kubeconfig,
          '--cache-dir',
          join(dir, 'cache'),
          ...args,
        ])
      ).stdout;

    it('gets namespaces and pods as tables', async () => {
      const ns = await kubectl('get', 'ns');
      expect(ns).toMatch(/^NAME\s+STATUS\s+AGE/);
      expect(ns).toMatch(/\nshop\s+Active\s+\d+s/);
      const pods = await kubectl('get', 'pods', '-A');
      expect(pods).toMatch(
        /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/,
      );
      expect(pods).toMatch(/\nshop\s+web-1\s+0\/1\s+Running\s+0\s+/);
      expect(
        await kubectl('get', 'ns', 'shop', '-o', 'jsonpath={.metadata.name}'),
      ).toBe('shop');
    });

    it('lists api-resources', async () => {
      const out = await kubectl('api-resources');
      for (const [apiVersion, kind] of SERVED) {
        expect(out).toMatch(
          new RegExp(
            `\\s${apiVersion.replace(
              /\./g,
              '\\.',
            )}\\s+(true|false)\\s+${kind}\\n`,
          ),
        );
      }
    });

    it('creates from a file with client-side validation on (no --validate=false)', async () => {
      const manifest = join(dir, 'ns.yaml');
      writeFileSync(
        manifest,
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: from-file}\n',
      );
      expect(await kubectl('create', '-f', manifest)).toContain(
        'namespace/from-file created',
      );
      expect(
        await kubectl(
          'get',
          'ns',
          'from-file',
          '-o',
          'jsonpath={.metadata.name}',
        ),
      ).toBe('from-file');
    });

    it('refuses the protobuf body of `kubectl create namespace` with 415, naming the fix', async () => {
      const failed = await kubectl('create', 'namespace', 'imperative').then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toMatch(
        /^Error from server \(UnsupportedMediaType\)/,
      );
      expect(failed?.stderr).toContain('kubectl create -f');
      expect(
        await run('kubectl', [
          '--kubeconfig',
          kubeconfig,
          'get',
          'ns',
          'imperative',
        ]).catch((e: { stderr: string }) => e.stderr),
      ).toMatch(/NotFound/);
    });

    it('applies server-side and deletes', async () => {
      const manifest = join(dir, 'cm.yaml');
      writeFileSync(
        manifest,
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-kubectl, namespace: shop}\ndata: {a: "1"}\n',
      );
      expect(await kubectl('apply', '--server-side', '-f', manifest)).toContain(
        'configmap/from-kubectl serverside-applied',
      );
      expect(
        await kubectl(
          'get',
          'cm',
          'from-kubectl',
          '-n',
          'shop',
          '-o',
          'jsonpath={.metadata.managedFields[0].manager}',
        ),
      ).toBe('kubectl');
      expect(
        await kubectl('delete', 'cm', 'from-kubectl', '-n', 'shop'),
      ).toContain('deleted');
    });
  },
);
