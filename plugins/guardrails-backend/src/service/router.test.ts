import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { spec } from '../schema/openapi';
import { guardrailsPlugin } from '../plugin';
import {
  component,
  deployment,
  namespace,
  startClusters,
  TEST_TOKEN,
} from '../__testUtils__/simulatedClusters';

jest.setTimeout(60_000);

const entities = [
  component(
    'payments-api',
    { 'backstage.io/kubernetes-id': 'payments-api' },
    'group:default/payments',
  ),
  component('quiet', { 'backstage.io/kubernetes-id': 'quiet' }),
];

const LONG_NAMESPACE =
  'ledger-batch-processing-with-a-rather-long-descriptive-name';

/** A namespace the suite provisioned for the finance ledger. */
const provisioned = (name: string, environment?: string) =>
  namespace(
    name,
    {
      'app.kubernetes.io/managed-by': 'backstage-guardrails',
      ...(environment ? { 'guardrails.dev/environment': environment } : {}),
    },
    { 'guardrails.dev/entity-ref': 'component:finance/ledger' },
  );

const seed = (environment: 'dev' | 'prod') => [
  namespace('payments', { 'backstage.io/kubernetes-id': 'payments-api' }),
  deployment('payments', 'api', {
    container: { securityContext: { privileged: true } },
  }),
  ...(environment === 'dev'
    ? [provisioned('ledger-dev', 'dev')]
    : // Without an environment label the cluster's environment names the Resource.
      [provisioned('ledger'), provisioned(LONG_NAMESPACE, 'prod')]),
];

async function startBackend(
  options: { deny?: boolean; anonymous?: boolean } = {},
) {
  const clusters = await startClusters({
    dev: seed('dev'),
    prod: seed('prod'),
  });
  const { server } = await startTestBackend({
    features: [
      guardrailsPlugin,
      mockServices.rootConfig.factory({ data: clusters.config }),
      catalogServiceMock.factory({ entities: entities as any }),
      // Requests without credentials are anonymous, as in production (the test default is a mock user).
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      ...(options.deny
        ? [
            mockServices.permissions.mock({
              authorize: async requests =>
                requests.map(() => ({ result: AuthorizeResult.DENY })),
            }).factory,
          ]
        : []),
    ],
  });
  const user = mockCredentials.user.header();
  const audit = async () => {
    const res = await request(server)
      .post('/api/guardrails/audit')
      .set('Authorization', user);
    expect(res.status).toBe(202);
    // The audit runs in the background; the summary shows when its results are stored.
    for (let i = 0; i < 100; i++) {
      const summary = await request(server)
        .get('/api/guardrails/summary')
        .set('Authorization', user);
      if (summary.body.entities?.['component:default/payments-api']) return;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error('audit did not store results');
  };
  return { server, user, audit, clusters };
}

describe('guardrails REST API', () => {
  it('reports an entity per environment with violations, levels and first-seen times', async () => {
    const { server, user, audit, clusters } = await startBackend();
    try {
      await audit();
      const res = await request(server)
        .get('/api/guardrails/entities/component/default/payments-api/report')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe('component:default/payments-api');
      expect(res.body.compliance).toBe('violating');
      expect(res.body.environments.map((e: any) => e.environment)).toEqual([
        'dev',
        'prod',
      ]);
      const privileged = res.body.environments[1].violations.find(
        (v: any) => v.guardrail === 'pod.no-privileged',
      );
      expect(privileged).toMatchObject({
        resource: {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'api',
          cluster: 'prod',
          environment: 'prod',
        },
        severity: 'critical',
        source: 'audit',
        firstSeen: expect.any(String),
      });
      expect(res.body.environments[1].stale).toEqual([]);
    } finally {
      await clusters.close();
    }
  });

  it('answers every route with a body its schema in the OpenAPI spec describes', async () => {
    const { server, user, audit, clusters } = await startBackend();
    try {
      await audit();
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addSchema(JSON.parse(JSON.stringify(spec)), 'spec');
      const routes: Array<[string, string, string]> = [
        ['GET', '/health', '/health'],
        ['GET', '/guardrails', '/guardrails'],
        ['GET', '/environments', '/environments'],
        [
          'GET',
          '/entities/{kind}/{namespace}/{name}/report',
          '/entities/component/default/payments-api/report',
        ],
        [
          'GET',
          '/entities/{kind}/{namespace}/{name}/history',
          '/entities/component/default/payments-api/history',
        ],
        ['GET', '/history', '/history?days=7'],
        ['GET', '/distribution', '/distribution'],
        ['GET', '/summary', '/summary'],
        [
          'GET',
          '/impact',
          '/impact?guardrail=pod.no-privileged&environment=prod&level=block',
        ],
        ['GET', '/exemptions', '/exemptions'],
        [
          'GET',
          '/entities/{kind}/{namespace}/{name}/report',
          '/entities/component/default/quiet/report',
        ],
        ['GET', '/history', '/history?days=0'],
        ['POST', '/audit', '/audit'],
      ];
      for (const [method, template, url] of routes) {
        const res = await request(server)
          [method === 'GET' ? 'get' : 'post'](`/api/guardrails${url}`)
          .set('Authorization', user);
        const pointer = `/paths/${template.replace(
          /\//g,
          '~1',
        )}/${method.toLowerCase()}/responses/${res.status}`;
        const documented = ajv.getSchema(`spec#${pointer}`)?.schema as any;
        expect({
          url,
          status: res.status,
          documented: Boolean(documented),
        }).toEqual({
          url,
          status: res.status,
          documented: true,
        });
        const content = documented.$ref
          ? ajv.getSchema(`spec${documented.$ref}`)?.schema
          : documented;
        const schema = (content as any).content['application/json'].schema;
        const check = ajv.compile(resolveLocal(schema));
        expect({ url, errors: check(res.body) ? [] : check.errors }).toEqual({
          url,
          errors: [],
        });
      }
    } finally {
      await clusters.close();
    }
  });

  it('answers 404 for an entity without results, and serves the pack and environments', async () => {
    const { server, user, audit, clusters } = await startBackend();
    try {
      await audit();
      const missing = await request(server)
        .get('/api/guardrails/entities/component/default/quiet/report')
        .set('Authorization', user);
      expect(missing.status).toBe(404);

      const pack = await request(server)
        .get('/api/guardrails/guardrails')
        .set('Authorization', user);
      expect(pack.status).toBe(200);
      const privileged = pack.body.guardrails.find(
        (g: any) => g.id === 'pod.no-privileged',
      );
      expect(privileged.rationale).toEqual(expect.any(String));
      expect(privileged.remediationExample).toContain('privileged: false');
      const admissionOnly = pack.body.guardrails
        .filter((g: any) => g.admissionOnly)
        .map((g: any) => g.id);
      expect(admissionOnly).toEqual([
        'namespace.deletion-protection',
        'storage.deletion-protection',
      ]);
      expect(privileged.admissionOnly).toBe(false);
      expect(privileged.params).toBeUndefined();
      const registries = pack.body.guardrails.find(
        (g: any) => g.id === 'image.approved-registries',
      );
      expect(registries.params.registries).toContain(
        'registry.internal.example.com/',
      );
      expect(privileged.rollout.map((r: any) => r.environment)).toEqual([
        'dev',
        'prod',
      ]);

      const envs = await request(server)
        .get('/api/guardrails/environments')
        .set('Authorization', user);
      expect(envs.body.environments[0]).toMatchObject({
        name: 'dev',
        podSecurity: 'restricted',
        sizes: [expect.objectContaining({ name: 'small' })],
      });
    } finally {
      await clusters.close();
    }
  });

  it('serves the summary with an ETag and answers 304 to a conditional request', async () => {
    const { server, user, audit, clusters } = await startBackend();
    try {
      await audit();
      const first = await request(server)
        .get('/api/guardrails/summary')
        .set('Authorization', user);
      expect(
        first.body.entities['component:default/payments-api'],
      ).toMatchObject({
        compliance: 'violating',
        rolloutStage: expect.stringMatching(/^prod\./),
      });
      const again = await request(server)
        .get('/api/guardrails/summary')
        .set('Authorization', user)
        .set('If-None-Match', first.headers.etag);
      expect(again.status).toBe(304);
    } finally {
      await clusters.close();
    }
  });

  it('keeps the summary, and its ETag, while audits find the same statuses, and gives a new status the time of the audit that found it', async () => {
    const { server, user, audit, clusters } = await startBackend();
    const summary = () =>
      request(server).get('/api/guardrails/summary').set('Authorization', user);
    // Every environment's results stored by an audit after `after`.
    const auditedAfter = async (after: string) => {
      for (let i = 0; i < 100; i++) {
        const report = await request(server)
          .get('/api/guardrails/entities/component/default/payments-api/report')
          .set('Authorization', user);
        const times =
          report.body.environments?.map((e: any) => e.evaluatedAt ?? '') ?? [];
        if (times.length === 2 && times.every((t: string) => t > after))
          return times as string[];
        await new Promise(r => setTimeout(r, 50));
      }
      throw new Error(`no audit after ${after} stored its results`);
    };
    const auditAgain = async (after: string) => {
      expect(
        (
          await request(server)
            .post('/api/guardrails/audit')
            .set('Authorization', user)
        ).status,
      ).toBe(202);
      return auditedAfter(after);
    };
    try {
      await audit();
      const firstTimes = await auditedAfter('');
      const first = await summary();
      const payments = first.body.entities['component:default/payments-api'];
      expect(payments.evaluatedAt).toEqual(expect.any(String));

      const secondTimes = await auditAgain(firstTimes.sort()[1]);
      const second = await summary();
      expect(second.body.entities).toEqual(first.body.entities);
      expect(second.headers.etag).toBe(first.headers.etag);
      const conditional = await summary().set(
        'If-None-Match',
        first.headers.etag,
      );
      expect(conditional.status).toBe(304);

      // The privileged Deployment goes from prod: a new status, found by the next audit.
      const removed = await fetch(
        `${clusters.simulators.prod.url}/apis/apps/v1/namespaces/payments/deployments/api`,
        {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${TEST_TOKEN}` },
        },
      );
      expect(removed.status).toBe(200);
      const thirdTimes = await auditAgain(secondTimes.sort()[1]);
      const third = (await summary()).body.entities[
        'component:default/payments-api'
      ];
      expect(third.violations + third.warnings).toBeLessThan(
        payments.violations + payments.warnings,
      );
      expect(third.evaluatedAt > payments.evaluatedAt).toBe(true);
      expect(thirdTimes).toContain(third.evaluatedAt);
    } finally {
      await clusters.close();
    }
  });

  it('lists the namespace Resources provisioned for a component in the summary, named as provisioning names them', async () => {
    const { server, user, audit, clusters } = await startBackend();
    try {
      await audit();
      let summarized: Record<string, any> = {};
      // Each cluster's audit is stored on its own; wait for both.
      for (
        let i = 0;
        i < 100 &&
        summarized['component:finance/ledger']?.namespaces?.length !== 3;
        i++
      ) {
        await new Promise(r => setTimeout(r, 50));
        summarized = (
          await request(server)
            .get('/api/guardrails/summary')
            .set('Authorization', user)
        ).body.entities;
      }
      expect(summarized['component:finance/ledger'].namespaces).toEqual([
        // Shortened with a hash, as the scaffolder module shortens names over 63 characters.
        'resource:finance/ledger-batch-processing-with-a-rather-long-descri-8c91920b-prod',
        'resource:finance/ledger-dev',
        'resource:finance/ledger-prod',
      ]);
      expect(
        summarized['component:default/payments-api'].namespaces,
      ).toBeUndefined();
    } finally {
      await clusters.close();
    }
  });

  it('answers what-if questions and lists exemptions', async () => {
    const { server, user, audit, clusters } = await startBackend();
    try {
      await audit();
      const impact = await request(server)
        .get(
          '/api/guardrails/impact?guardrail=pod.no-privileged&environment=prod&level=block',
        )
        .set('Authorization', user);
      expect(impact.status).toBe(200);
      expect(impact.body.affected).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/payments-api',
          owner: 'group:default/payments',
          outcome: 'blocked',
        }),
      ]);
      expect(impact.body.totals).toMatchObject({
        entities: 1,
        workloads: 1,
        unowned: 0,
      });

      const exemptions = await request(server)
        .get('/api/guardrails/exemptions')
        .set('Authorization', user);
      expect(exemptions.body).toEqual({
        active: [],
        expiringSoon: [],
        expired: [],
      });
    } finally {
      await clusters.close();
    }
  });

  it.each([
    [
      '/api/guardrails/impact',
      /request\/query must have required property 'guardrail'/,
    ],
    [
      '/api/guardrails/impact?guardrail=nope&environment=prod&level=block',
      /Unknown guardrail 'nope'/,
    ],
    [
      '/api/guardrails/impact?guardrail=pod.no-privileged&environment=qa&level=block',
      /Unknown environment 'qa'/,
    ],
    [
      '/api/guardrails/impact?guardrail=pod.no-privileged&environment=prod&level=deny',
      /request\/query\/level must be equal to one of the allowed values: observe, warn, block, auto-correct/,
    ],
    [
      '/api/guardrails/impact?guardrail=pod.no-privileged&guardrail=pod.no-host-path&environment=prod&level=block',
      /request\/query\/guardrail must be string/,
    ],
    [
      '/api/guardrails/impact?guardrail=pod.no-privileged&environment=prod&level=block&x=1',
      /Unknown query parameter 'x'/,
    ],
    ['/api/guardrails/history?days=0', /request\/query\/days must be >= 1/],
    ['/api/guardrails/history?days=366', /request\/query\/days must be <= 365/],
    [
      '/api/guardrails/history?days=ten',
      /request\/query\/days must be integer/,
    ],
    [
      '/api/guardrails/history?days=1.5',
      /request\/query\/days must be integer/,
    ],
    [
      '/api/guardrails/entities/component/default/payments-api/history?days=0',
      /request\/query\/days must be >= 1/,
    ],
    [
      '/api/guardrails/entities/comp%20onent/default/x/report',
      /request\/params\/kind must match pattern/,
    ],
    [
      '/api/guardrails/entities/component/default/-x/report',
      /request\/params\/name must match pattern/,
    ],
    [
      '/api/guardrails/entities/component/de%2Ffault/x/history',
      /request\/params\/namespace must match pattern/,
    ],
  ])(
    'answers 400 in the standard error shape with a reason for %s',
    async (path, reason) => {
      const { server, user, clusters } = await startBackend();
      try {
        const res = await request(server).get(path).set('Authorization', user);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          error: { name: 'InputError', message: expect.stringMatching(reason) },
          request: { method: 'GET' },
          response: { statusCode: 400 },
        });
      } finally {
        await clusters.close();
      }
    },
  );

  it('takes days from 1 to 365, 30 by default', async () => {
    const { server, user, clusters } = await startBackend();
    try {
      const span = async (query: string) => {
        const res = await request(server)
          .get(`/api/guardrails/history${query}`)
          .set('Authorization', user);
        expect(res.status).toBe(200);
        return Math.round(
          (Date.parse(res.body.to) - Date.parse(res.body.from)) / 86_400_000,
        );
      };
      const week = await span('?days=7');
      expect(await span('')).toBe(week + 23);
      expect(await span('?days=365')).toBe(week + 358);
      const entity = await request(server)
        .get(
          '/api/guardrails/entities/Component/default/payments-api/history?days=1',
        )
        .set('Authorization', user);
      expect(entity.status).toBe(200);
      expect(entity.body.points).toEqual([]);
    } finally {
      await clusters.close();
    }
  });

  it('serves the OpenAPI spec it validates against', async () => {
    const { server, user, clusters } = await startBackend();
    try {
      const res = await request(server)
        .get('/api/guardrails/openapi.json')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const documented = Object.entries(
        res.body.paths as Record<string, object>,
      ).flatMap(([path, methods]) =>
        Object.keys(methods).map(method => `${method.toUpperCase()} ${path}`),
      );
      expect(documented).toEqual(
        expect.arrayContaining([
          'GET /api/guardrails/summary',
          'POST /api/guardrails/audit',
        ]),
      );
    } finally {
      await clusters.close();
    }
  });

  it('answers 401 without credentials, but the health probe', async () => {
    const { server, clusters } = await startBackend();
    try {
      expect(
        (await request(server).get('/api/guardrails/summary')).status,
      ).toBe(401);
      expect((await request(server).get('/api/guardrails/health')).status).toBe(
        200,
      );
    } finally {
      await clusters.close();
    }
  });

  it('answers 403 when the permission policy denies', async () => {
    const { server, user, clusters } = await startBackend({ deny: true });
    try {
      for (const [method, path] of [
        ['get', '/api/guardrails/summary'],
        ['get', '/api/guardrails/guardrails'],
        ['get', '/api/guardrails/exemptions'],
        ['post', '/api/guardrails/audit'],
      ] as const) {
        const res = await request(server)
          [method](path)
          .set('Authorization', user);
        expect(res.status).toBe(403);
      }
    } finally {
      await clusters.close();
    }
  });

  it('keeps showing the last results of a cluster that went down, marked stale and never compliant', async () => {
    const { server, user, audit, clusters } = await startBackend();
    try {
      await audit();
      clusters.simulators.prod.setFaults({ errorRate: 1 });
      await request(server)
        .post('/api/guardrails/audit')
        .set('Authorization', user);
      let prod: any;
      for (let i = 0; i < 100 && !prod?.stale?.length; i++) {
        await new Promise(r => setTimeout(r, 100));
        const res = await request(server)
          .get('/api/guardrails/entities/component/default/payments-api/report')
          .set('Authorization', user);
        prod = res.body.environments.find((e: any) => e.environment === 'prod');
      }
      expect(prod.stale).toEqual([
        expect.objectContaining({
          cluster: 'prod',
          error: expect.any(String),
          lastSuccessAt: expect.any(String),
        }),
      ]);
      expect(prod.violations.length).toBeGreaterThan(0);
      expect(prod.compliance).not.toBe('compliant');
    } finally {
      await clusters.close();
    }
  });
});

/** Points a schema's local `#/components/...` refs at the spec registered under the id `spec`. */
function resolveLocal(schema: object): object {
  return JSON.parse(
    JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"spec#/'),
  );
}
