import {
  component,
  deployment,
  namespace,
} from '../__testUtils__/simulatedClusters';
import { developer } from './__testUtils__/developer';
import {
  BLOCK_AT,
  Enforcement,
  PORTAL,
  PRIVILEGED_PROD_BINDING,
  startEnforcement,
  until,
} from './__testUtils__/enforcementBackend';
import { ManualClock } from './__testUtils__/ManualClock';

jest.setTimeout(60_000);

/** The `tools` exemption ends here, half an hour after pod.no-privileged became block in prod. */
const EXPIRES = new Date(BLOCK_AT.getTime() + 30 * 60_000);
const FAR = '2099-01-01T00:00:00Z';
const PROD = { 'guardrails.dev/environment': 'prod' };
const OWNED = {
  'guardrails.dev/owner': 'team-a',
  'guardrails.dev/cost-center': 'cc-1',
};

const exemption = (name: string, scope: object, expiresAt: string) => ({
  apiVersion: 'guardrails.dev/v1alpha1',
  kind: 'GuardrailExemption',
  metadata: { name },
  spec: {
    guardrails: ['pod.no-privileged'],
    scope: { environments: ['prod'], ...scope },
    reason: 'migration',
    justification: 'The unprivileged image ships this quarter',
    owner: 'group:default/team-a',
    approvedBy: 'user:default/platform-lead',
    expiresAt,
  },
});

const privileged = (ns: string, name: string) =>
  deployment(ns, name, {
    labels: OWNED,
    container: { securityContext: { privileged: true } },
  });

/** The namespaces a binding leaves out by name. */
const excludedNamespaces = (binding: any): string[] =>
  binding.spec.matchResources.namespaceSelector.matchExpressions?.find(
    (e: any) => e.key === 'kubernetes.io/metadata.name',
  )?.values ?? [];

describe('exemptions at admission', () => {
  let env: Enforcement | undefined;
  afterEach(() => env?.close());

  const start = () =>
    startEnforcement({
      clock: new ManualClock(new Date(BLOCK_AT.getTime() + 60_000)),
      seeds: [
        namespace('shop', PROD),
        namespace('tools', PROD),
        namespace('payments', {
          ...PROD,
          'backstage.io/kubernetes-id': 'payments',
        }),
        privileged('payments', 'api'),
      ],
      entities: [
        component('payments', { 'backstage.io/kubernetes-id': 'payments' }),
      ],
      pack: [
        exemption(
          'tools-debug',
          { namespaces: ['tools'] },
          EXPIRES.toISOString(),
        ),
        exemption(
          'payments-migration',
          { entity: 'component:default/payments' },
          FAR,
        ),
        exemption(
          'ghost-migration',
          { entity: 'component:default/ghost' },
          FAR,
        ),
      ],
    });

  const binding = () =>
    env!
      .objects('prod', 'ValidatingAdmissionPolicyBinding')
      .get(PRIVILEGED_PROD_BINDING);

  it("leaves out each active exemption's scope, the entity's as the audit attributes it, and says which it cannot", async () => {
    env = await start();
    await env.sync('prod');
    // Before any audit, where the payments component's objects are is unknown: its exemption excludes nothing.
    expect(excludedNamespaces(binding())).toEqual(['tools']);
    expect((await env.clusterState('prod')).unresolvedExemptions).toEqual([
      {
        exemption: 'payments-migration',
        reason: expect.stringContaining('component:default/payments'),
      },
      {
        exemption: 'ghost-migration',
        reason: expect.stringContaining('component:default/ghost'),
      },
    ]);

    await env.audit();
    await env.sync('prod');
    expect(excludedNamespaces(binding())).toEqual(['payments', 'tools']);
    expect(binding().metadata.annotations['guardrails.dev/exemptions']).toBe(
      'payments-migration,tools-debug',
    );
    expect((await env.clusterState('prod')).unresolvedExemptions).toEqual([
      { exemption: 'ghost-migration', reason: expect.any(String) },
    ]);
    // The audit reports the same workload under the same exemption.
    const report = await env.get('/entities/component/default/payments/report');
    const prodReport = report.environments.find(
      (e: any) => e.environment === 'prod',
    );
    expect(prodReport.exempted).toBeGreaterThan(0);

    const dev = developer(env, 'prod');
    expect(
      await dev.createDeployment(privileged('payments', 'worker')),
    ).toEqual({ status: 201 });
    expect(await dev.createDeployment(privileged('tools', 'debug'))).toEqual({
      status: 201,
    });
    const denied = await dev.createDeployment(privileged('shop', 'web'));
    expect(denied.status).toBe(422);
    expect(denied.message).toContain(
      `ValidatingAdmissionPolicy 'guardrails.pod.no-privileged' with binding '${PRIVILEGED_PROD_BINDING}' denied request: pod.no-privileged (`,
    );
    expect(denied.message).toMatch(
      new RegExp(
        `Details: ${PORTAL}/guardrails/catalog\\?guardrail=pod\\.no-privileged$`,
      ),
    );
  });

  it('removes the exclusion when the exemption expires, waking for it', async () => {
    env = await start();
    const { clock } = env;
    await env.sync('prod');
    expect(excludedNamespaces(binding())).toEqual(['tools']);
    const state = await env.clusterState('prod');
    expect(state.nextChange).toMatchObject({
      at: EXPIRES.toISOString(),
      stages: [],
      expiringExemptions: ['tools-debug'],
    });
    // Before the next hour of admission's clock: the expiry is the first thing due.
    expect(clock.nextTimer()).toEqual(EXPIRES);

    clock.set(EXPIRES);
    const started = Date.now();
    await until(
      () => excludedNamespaces(binding()).length === 0,
      'the exclusion to go',
    );
    expect(Date.now() - started).toBeLessThan(60_000);
    expect((await env.clusterState('prod')).lastSync.syncedAt).toBe(
      EXPIRES.toISOString(),
    );
    expect(
      binding().metadata.annotations['guardrails.dev/exemptions'],
    ).toBeUndefined();
    const denied = await developer(env, 'prod').createDeployment(
      privileged('tools', 'debug'),
    );
    expect(denied.status).toBe(422);
  });
});
