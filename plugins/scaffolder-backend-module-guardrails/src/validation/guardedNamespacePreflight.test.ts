import { mockServices } from '@backstage/backend-test-utils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { loadGuardrailsPack } from '@guardrails-dev/plugin-guardrails-node';
import {
  actionContext,
  outputsOf,
  ownerPolicyPermissions,
  recordingAuditor,
} from '../__testUtils__/actionHarness';
import {
  SimulatedEnvironments,
  startSimulatedEnvironments,
} from '../__testUtils__/simulatedEnvironments';
import { createGuardrailsActions } from '../actions';
import { prepareNamespace } from '../provisioning/prepareNamespace';

describe('guardrails:validate on the objects of a guarded namespace', () => {
  let env: SimulatedEnvironments;

  afterEach(async () => {
    await env?.close();
  });

  it('gives the quota it creates no error: guardrails reading object.status apply to live objects only', async () => {
    const at = new Date('2028-01-01T00:00:00Z');
    env = await startSimulatedEnvironments();
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
    const validate = actions.find(
      a => a.id === 'guardrails:validate',
    )! as TemplateAction<any, any, any>;
    const { baseline } = prepareNamespace(
      {
        namespace: 'payments-batch-prod',
        environment: 'prod',
        owner: 'group:default/payments',
        component: 'component:default/payments-api',
        costCenter: 'cc-1234',
      },
      env.clusters.environments(),
    );
    const objects = [baseline.namespace, ...baseline.objects];
    expect(objects.map(o => o.kind)).toContain('ResourceQuota');

    const ctx = actionContext({ objects, environment: 'prod' });
    await validate.handler(ctx);
    const output = outputsOf(ctx);
    expect(output.counts.error).toBe(0);
    expect(output.passed).toBe(true);
    expect(output.counts.pass).toBeGreaterThan(0);
    expect(output.results.map((r: any) => r.guardrail)).not.toContain(
      'namespace.quota-headroom',
    );

    // Enforcing it would check nothing, so the step refuses rather than pass as if it had.
    await expect(
      validate.handler(
        actionContext({
          objects,
          environment: 'prod',
          enforce: ['namespace.quota-headroom'],
        }),
      ),
    ).rejects.toThrow(
      "enforce names 'namespace.quota-headroom', which reads object.status and so applies to live objects only",
    );
  });
});
