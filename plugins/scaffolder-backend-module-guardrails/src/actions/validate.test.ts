import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  actionContext,
  outputsOf,
  ownerPolicyPermissions,
  recordingAuditor,
} from '../__testUtils__/actionHarness';
import { renderSkeletonInto } from '../__testUtils__/renderSkeleton';
import {
  SimulatedEnvironments,
  startSimulatedEnvironments,
} from '../__testUtils__/simulatedEnvironments';
import { loadGuardrailsPack } from '@guardrails-dev/plugin-guardrails-node';
import { createGuardrailsActions } from '.';

const TEST_PACK = {
  includeDefaultPack: false,
  packs: [path.resolve(__dirname, '../__fixtures__/pack')],
};

const values = {
  name: 'payments-api',
  owner: 'group:default/payments',
  costCenter: 'cc-1234',
  description: 'Takes payments',
};

const badDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: { app: api }
spec:
  replicas: 1
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: app
          image: docker.io/library/nginx:latest
          securityContext: { privileged: true }
`;

describe('guardrails:validate', () => {
  const workspace = createMockDirectory();
  let env: SimulatedEnvironments;
  let at: Date;

  const validateAction = async (guardrails: Record<string, unknown> = {}) => {
    env = await startSimulatedEnvironments({ guardrails });
    const actions = await createGuardrailsActions({
      config: env.config,
      logger: mockServices.logger.mock(),
      pack: await loadGuardrailsPack(env.config, mockServices.logger.mock(), {
        now: at,
      }),
      clusters: env.clusters,
      permissions: ownerPolicyPermissions(),
      auditor: recordingAuditor(),
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      now: () => at,
    });
    return actions.find(a => a.id === 'guardrails:validate')! as TemplateAction<
      any,
      any,
      any
    >;
  };

  beforeEach(() => {
    workspace.clear();
    at = new Date('2026-11-22T12:00:00Z');
  });

  afterEach(async () => {
    await env?.close();
  });

  it.each([
    ['today', '2026-11-22T12:00:00Z'],
    ['once every rollout has reached its last stage', '2028-01-01T00:00:00Z'],
  ])(
    'passes the guarded-service skeleton in prod %s',
    async (_when, instant) => {
      at = new Date(instant);
      const action = await validateAction();
      renderSkeletonInto(workspace.path, values);
      const ctx = actionContext(
        {
          paths: ['k8s/**/*.yaml'],
          environment: 'prod',
          namespace: 'payments-api-prod',
          entityRef: 'component:default/payments-api',
        },
        { workspacePath: workspace.path },
      );
      await action.handler(ctx);
      const output = outputsOf(ctx);
      expect(output.passed).toBe(true);
      expect(output.blocking).toEqual([]);
      expect(
        output.counts.fail + output.counts.warn + output.counts.error,
      ).toBe(0);
      expect(output.counts.pass).toBeGreaterThan(10);
      expect(output.summary).toBe(
        `Guardrails in prod: ${output.counts.pass} pass, 0 warn, 0 fail, 0 error, 0 skip (3 objects)`,
      );
      expect(
        new Set(output.results.map((r: any) => r.resource.namespace)),
      ).toEqual(new Set(['payments-api-prod']));
    },
  );

  it('fails with a readable report when enforced guardrails fail', async () => {
    at = new Date('2027-02-01T00:00:00Z');
    const action = await validateAction(TEST_PACK);
    workspace.addContent({ 'k8s/deployment.yaml': badDeployment });
    const logger = mockServices.logger.mock();
    const ctx = actionContext(
      {
        paths: ['k8s/*.yaml'],
        environment: 'prod',
        namespace: 'shop-prod',
        entityRef: 'component:default/shop',
      },
      { workspacePath: workspace.path, logger },
    );
    const error = await action.handler(ctx).catch(e => e);

    expect(error.name).toBe('GuardrailViolationError');
    expect(error.message).toBe(
      [
        '2 guardrail violations block these manifests in prod (rollout stage in force on 2027-02-01):',
        '',
        '✖ test.no-privileged: Containers must not run privileged [critical, block]',
        '  resource:    Deployment shop-prod/api (k8s/deployment.yaml)',
        '  problem:     privileged containers: app',
        '  why:         A privileged container can take over the node it runs on.',
        '  fix:         Remove securityContext.privileged from the container.',
        '  docs:        https://kubernetes.io/docs/concepts/security/pod-security-standards/',
        "  exemption:   if it cannot be fixed now, ask group:default/platform to approve a GuardrailExemption { guardrails: [test.no-privileged], scope: { entity: component:default/shop, environments: [prod] }, reason: incident | migration | vendor | false-positive, justification, owner, approvedBy, expiresAt } in the platform's guardrail pack",
        '',
        '✖ test.pinned-images: Images must be pinned to a version [medium, block]',
        '  resource:    Deployment shop-prod/api (k8s/deployment.yaml)',
        '  problem:     unpinned images: docker.io/library/nginx:latest',
        '  why:         A moving tag means what runs can change without a deployment.',
        '  fix:         Use a version tag or a digest instead of latest.',
        "  exemption:   if it cannot be fixed now, ask the platform team to approve a GuardrailExemption { guardrails: [test.pinned-images], scope: { entity: component:default/shop, environments: [prod] }, reason: incident | migration | vendor | false-positive, justification, owner, approvedBy, expiresAt } in the platform's guardrail pack",
      ].join('\n'),
    );

    const output = outputsOf(ctx);
    expect(output.passed).toBe(false);
    expect(output.blocking.map((r: any) => r.guardrail)).toEqual([
      'test.no-privileged',
      'test.pinned-images',
    ]);
    expect(output.counts).toEqual({
      pass: 0,
      fail: 2,
      warn: 0,
      error: 0,
      skip: 0,
    });
    expect(output.summary).toBe(
      'Guardrails in prod: 0 pass, 0 warn, 2 fail, 0 error, 0 skip (1 object)',
    );
    expect(logger.error).toHaveBeenCalledWith(error.message);
  });

  it("fails the default pack's enforced guardrails with the pack's own explanations", async () => {
    at = new Date('2028-01-01T00:00:00Z');
    const action = await validateAction();
    workspace.addContent({ 'k8s/deployment.yaml': badDeployment });
    const error = await action
      .handler(
        actionContext(
          {
            paths: ['k8s/*.yaml'],
            environment: 'prod',
            namespace: 'shop-prod',
          },
          { workspacePath: workspace.path },
        ),
      )
      .catch(e => e);
    expect(error.name).toBe('GuardrailViolationError');
    expect(error.message).toContain('✖ pod.no-privileged: ');
    expect(error.message).toMatch(/\n {2}why: {9}\S.+\n {2}fix: {9}\S.+/);
    expect(error.message).toContain(
      'scope: { namespaces: [shop-prod], environments: [prod] }',
    );
  });

  it('logs and outputs warnings without failing, with the stage to prepare for', async () => {
    at = new Date('2026-12-10T00:00:00Z');
    const action = await validateAction(TEST_PACK);
    const logger = mockServices.logger.mock();
    const ctx = actionContext(
      {
        environment: 'prod',
        namespace: 'shop-prod',
        objects: [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'web' },
            spec: {
              containers: [{ name: 'c', image: 'registry.k8s.io/web:latest' }],
            },
          },
        ],
      },
      { logger },
    );
    await action.handler(ctx);
    const output = outputsOf(ctx);
    expect(output.passed).toBe(true);
    expect(output.warnings).toEqual([
      expect.objectContaining({
        guardrail: 'test.pinned-images',
        result: 'warn',
        level: 'warn',
        message: 'unpinned images: registry.k8s.io/web:latest',
      }),
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'warn test.pinned-images on Pod shop-prod/web (objects[0]): unpinned images: registry.k8s.io/web:latest. Becomes block in prod on 2027-01-15 (in 36 days). Fix: Use a version tag or a digest instead of latest.',
    );
    expect(output.summary).toBe(
      'Guardrails in prod: 1 pass, 1 warn, 0 fail, 0 error, 0 skip (1 object)',
    );
  });

  it('puts namespaced objects into the target namespace and leaves cluster-scoped ones alone', async () => {
    at = new Date('2027-06-01T00:00:00Z');
    const action = await validateAction();
    const ctx = actionContext({
      environment: 'dev',
      namespace: 'team-dev',
      objects: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'a', namespace: 'default' },
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'reader' },
          rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
        },
      ],
    });
    await action.handler(ctx);
    const namespaces = outputsOf(ctx).results.map((r: any) => [
      r.resource.kind,
      r.resource.namespace,
    ]);
    expect(namespaces).toContainEqual(['ClusterRole', undefined]);
    expect(
      namespaces.filter(([kind]: string[]) => kind === 'ConfigMap'),
    ).not.toContainEqual(['ConfigMap', 'default']);
  });

  it('applies exemptions scoped to the entity given', async () => {
    const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-pack-'));
    fs.writeFileSync(
      path.join(packDir, 'exemptions.yaml'),
      `apiVersion: guardrails.dev/v1alpha1
kind: GuardrailExemption
metadata: { name: legacy-latest-tag }
spec:
  guardrails: [image.no-latest-tag]
  scope: { entity: component:default/legacy, environments: [dev] }
  reason: migration
  justification: Moving to pinned tags with the next release.
  owner: group:default/payments
  approvedBy: user:default/platform-lead
  expiresAt: "2026-12-20T00:00:00Z"
`,
    );
    try {
      const action = await validateAction({ packs: [packDir] });
      const objects = [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'web' },
          spec: {
            containers: [{ name: 'c', image: 'registry.k8s.io/web:latest' }],
          },
        },
      ];
      const resultOf = async (input: Record<string, unknown>) => {
        const ctx = actionContext({
          environment: 'dev',
          namespace: 'legacy-dev',
          objects,
          ...input,
        });
        await action.handler(ctx);
        return outputsOf(ctx).results.find(
          (r: any) => r.guardrail === 'image.no-latest-tag',
        );
      };
      expect(
        await resultOf({ entityRef: 'component:default/legacy' }),
      ).toMatchObject({
        result: 'skip',
        exemption: { name: 'legacy-latest-tag', status: 'active' },
      });
      expect(await resultOf({})).toMatchObject({ result: 'warn' });
    } finally {
      fs.rmSync(packDir, { recursive: true, force: true });
    }
  });

  describe('reading the workspace', () => {
    it('reads every matching file and document, and names the file of a broken one', async () => {
      const action = await validateAction();
      workspace.addContent({
        'k8s/a.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\n---\napiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, kind: ConfigMap, metadata: { name: b } }\n',
        'k8s/nested/c.yml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n',
        'k8s/bad.yaml': 'kind: ConfigMap\nmetadata: { name: x }\n',
      });
      const ctx = actionContext(
        {
          paths: ['k8s/a.yaml', 'k8s/**/*.yml'],
          environment: 'dev',
          namespace: 'team-dev',
        },
        { workspacePath: workspace.path },
      );
      await action.handler(ctx);
      expect(outputsOf(ctx).summary).toMatch(/\(3 objects\)$/);

      await expect(
        action.handler(
          actionContext(
            { paths: ['k8s/*.yaml'], environment: 'dev' },
            { workspacePath: workspace.path },
          ),
        ),
      ).rejects.toThrow(
        'k8s/bad.yaml: document 1, line 1: not a Kubernetes object: it has no apiVersion',
      );
    });

    it('reads List and typed-list documents as the guardrails CLI does', async () => {
      // The CLI's own fixtures: its check tests expect these same objects from them.
      const cliManifests = path.resolve(
        __dirname,
        '../../../../packages/cli/src/__fixtures__/manifests',
      );
      const action = await validateAction();
      workspace.addContent({
        'k8s/list.yaml': fs.readFileSync(
          path.join(cliManifests, 'list.yaml'),
          'utf8',
        ),
        'k8s/deployments.json': fs.readFileSync(
          path.join(cliManifests, 'deployments.json'),
          'utf8',
        ),
      });
      const ctx = actionContext(
        { paths: ['k8s/*'], environment: 'dev' },
        { workspacePath: workspace.path },
      );
      await action.handler(ctx).catch(() => undefined);
      expect([
        ...new Set(
          outputsOf(ctx).results.map(
            (r: any) =>
              `${r.resource.apiVersion} ${r.resource.kind} ${r.resource.namespace}/${r.resource.name}`,
          ),
        ),
      ]).toEqual([
        'apps/v1 Deployment api/single',
        'apps/v1 StatefulSet data/db',
        'v1 Pod data/debug',
      ]);
    });

    it.each([
      [
        '../outside.yaml',
        "paths: '../outside.yaml' must be relative to the task workspace and stay inside it",
      ],
      [
        'k8s/../../outside.yaml',
        "paths: 'k8s/../../outside.yaml' must be relative",
      ],
      ['/etc/hosts', "paths: '/etc/hosts' must be relative"],
      [
        'nothing/*.yaml',
        "paths: 'nothing/*.yaml' matches no file in the task workspace",
      ],
    ])('refuses %s', async (pattern, message) => {
      const action = await validateAction();
      workspace.addContent({
        'k8s/a.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n',
      });
      await expect(
        action.handler(
          actionContext(
            { paths: [pattern], environment: 'dev' },
            { workspacePath: workspace.path },
          ),
        ),
      ).rejects.toThrow(message);
    });

    it('refuses a symbolic link that leads out of the workspace', async () => {
      const action = await validateAction();
      const outside = fs.mkdtempSync(
        path.join(os.tmpdir(), 'guardrails-outside-'),
      );
      fs.writeFileSync(
        path.join(outside, 'secret.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: s }\n',
      );
      workspace.addContent({ k8s: {} });
      fs.symlinkSync(
        path.join(outside, 'secret.yaml'),
        path.join(workspace.path, 'k8s', 'link.yaml'),
      );
      try {
        await expect(
          action.handler(
            actionContext(
              { paths: ['k8s/*.yaml'], environment: 'dev' },
              { workspacePath: workspace.path },
            ),
          ),
        ).rejects.toThrow(
          "paths: 'k8s/link.yaml' (matched by 'k8s/*.yaml') leads outside the task workspace",
        );
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  it.each([
    [
      { environment: 'qa', objects: [{}] },
      "environment 'qa' is not configured; configured environments: dev, staging, prod",
    ],
    [
      { environment: 'dev' },
      'give paths (glob patterns in the workspace) or objects',
    ],
    [
      { environment: 'dev', objects: [{ kind: 'Pod' }] },
      'objects[0] is not a Kubernetes object: it has no apiVersion, metadata.name',
    ],
    [
      { environment: 'dev', namespace: 'Team_A', objects: [{}] },
      "namespace 'Team_A' is not a valid namespace name",
    ],
    [
      { environment: 'dev', namespace: 'team-A', objects: [{}] },
      "namespace 'team-A' is not a valid namespace name",
    ],
    [
      { environment: 'dev', namespace: '-team', objects: [{}] },
      "namespace '-team' is not a valid namespace name",
    ],
    [
      { environment: 'dev', namespace: 't'.repeat(64), objects: [{}] },
      `namespace '${'t'.repeat(64)}' is not a valid namespace name`,
    ],
    [
      { environment: 'dev', entityRef: 'legacy', objects: [{}] },
      "entityRef 'legacy' is not an entity ref",
    ],
  ])('rejects invalid input %j', async (input, message) => {
    const action = await validateAction();
    await expect(action.handler(actionContext(input))).rejects.toThrow(message);
  });

  it('takes a namespace of 63 characters, the most a DNS-1123 label has', async () => {
    const action = await validateAction();
    const namespace = 't'.repeat(63);
    const ctx = actionContext({
      environment: 'dev',
      namespace,
      objects: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } },
      ],
    });
    await action.handler(ctx);
    expect(outputsOf(ctx).summary).toMatch(/\(1 object\)$/);
  });

  it('fails on a guardrail it enforces while that guardrail only warns, and refuses to enforce one the pack lacks', async () => {
    // test.pinned-images warns in dev: on its own it lets the manifests through.
    const action = await validateAction(TEST_PACK);
    workspace.addContent({ 'k8s/deployment.yaml': badDeployment });
    const input = {
      paths: ['k8s/*.yaml'],
      environment: 'dev',
      namespace: 'shop-dev',
    };
    const warned = actionContext(input, { workspacePath: workspace.path });
    await action.handler(warned);
    expect(outputsOf(warned).passed).toBe(true);

    const enforced = actionContext(
      { ...input, enforce: ['test.pinned-images'] },
      { workspacePath: workspace.path },
    );
    const error = await action.handler(enforced).catch(e => e);
    expect(error.name).toBe('GuardrailViolationError');
    expect(error.message).toContain(
      '✖ test.pinned-images: Images must be pinned to a version [medium, warn; this step requires it at any stage]',
    );
    expect(outputsOf(enforced).blocking.map((r: any) => r.guardrail)).toEqual([
      'test.pinned-images',
    ]);
    expect(outputsOf(enforced).warnings.map((r: any) => r.guardrail)).toEqual([
      'test.no-privileged',
    ]);

    await expect(
      action.handler(
        actionContext(
          { ...input, enforce: ['test.unknown'] },
          { workspacePath: workspace.path },
        ),
      ),
    ).rejects.toThrow(
      "Cannot validate: enforce names 'test.unknown', which the platform's pack does not have",
    );

    // test.pinned-images has no stage in staging.
    await expect(
      action.handler(
        actionContext(
          {
            ...input,
            environment: 'staging',
            namespace: 'shop-staging',
            enforce: ['test.pinned-images'],
          },
          { workspacePath: workspace.path },
        ),
      ),
    ).rejects.toThrow(
      "enforce names 'test.pinned-images', which has no rollout stage in force in staging and so would check nothing there",
    );
  });
});
