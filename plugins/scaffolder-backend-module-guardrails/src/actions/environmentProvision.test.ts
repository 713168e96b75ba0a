import {
  ada,
  actionContext,
  componentEntity,
  grace,
  guest,
  outputsOf,
  ownerPolicyPermissions,
  recordingAuditor,
} from '../__testUtils__/actionHarness';
import {
  clusterSnapshot,
  SimulatedEnvironments,
  startSimulatedEnvironments,
  writes,
} from '../__testUtils__/simulatedEnvironments';
import { createEnvironmentProvisionAction } from './environmentProvision';

const request = {
  owner: 'group:default/payments',
  component: 'component:default/payments-api',
  costCenter: 'cc-1234',
};

function namespacesOf(env: SimulatedEnvironments, cluster: string): string[] {
  return env.simulators[cluster]
    .listObjects('v1', 'Namespace')
    .map((n: any) => n.metadata.name)
    .filter((name: string) => name.startsWith('payments'));
}

describe('guardrails:environment:provision', () => {
  let env: SimulatedEnvironments;
  let auditor: ReturnType<typeof recordingAuditor>;

  const setup = async (
    options: Parameters<typeof startSimulatedEnvironments>[0] = {},
  ) => {
    env = await startSimulatedEnvironments(options);
    auditor = recordingAuditor();
    return createEnvironmentProvisionAction({
      clusters: env.clusters,
      discovery: env.discovery,
      auth: env.auth,
      permissions: ownerPolicyPermissions(),
      auditor,
    });
  };

  afterEach(async () => {
    await env?.close();
  });

  it('provisions a namespace in every configured environment by default', async () => {
    const action = await setup();
    const ctx = actionContext(request);
    await action.handler(ctx);

    const output = outputsOf(ctx);
    expect(output.namespaces).toEqual({
      dev: 'payments-api-dev',
      staging: 'payments-api-staging',
      prod: 'payments-api-prod',
    });
    expect(output.failedEnvironments).toEqual([]);
    expect(
      output.environments.map((e: any) => [e.environment, e.status]),
    ).toEqual([
      ['dev', 'provisioned'],
      ['staging', 'provisioned'],
      ['prod', 'provisioned'],
    ]);
    expect(output.entities.map((e: any) => e.metadata.name)).toEqual([
      'payments-api-dev',
      'payments-api-staging',
      'payments-api-prod',
    ]);
    expect(namespacesOf(env, 'dev')).toEqual(['payments-api-dev']);
    expect(namespacesOf(env, 'staging')).toEqual(['payments-api-staging']);
    expect(namespacesOf(env, 'prod')).toEqual(['payments-api-prod']);

    // Each environment gets its own profile.
    const podSecurity = (cluster: string, name: string) =>
      (env.simulators[cluster].listObjects('v1', 'Namespace') as any[]).find(
        n => n.metadata.name === name,
      ).metadata.labels['pod-security.kubernetes.io/enforce'];
    expect(podSecurity('dev', 'payments-api-dev')).toBe('baseline');
    expect(podSecurity('prod', 'payments-api-prod')).toBe('restricted');
    expect(auditor.events.map(e => e.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
  });

  it('provisions the chosen environments with a prefix', async () => {
    const action = await setup();
    const ctx = actionContext({
      ...request,
      environments: ['dev', 'staging'],
      namespacePrefix: 'payments',
      size: 'medium',
    });
    await action.handler(ctx);
    expect(outputsOf(ctx).namespaces).toEqual({
      dev: 'payments-dev',
      staging: 'payments-staging',
    });
    expect(writes(env.simulators.prod.requests.log)).toEqual([]);
  });

  it('reports every environment when one fails, and a rerun completes the rest', async () => {
    const action = await setup({ maxAttempts: 2 });
    env.simulators.prod.setFaults({
      statusCodes: [
        { status: 500, method: 'POST' },
        { status: 500, method: 'PATCH' },
      ],
    });
    const ctx = actionContext(request);
    const error = await action.handler(ctx).catch(e => e);

    expect(error.message).toMatch(
      /^Provisioning failed in 1 of 3 environments: prod \(dev, staging provisioned\)\. Run the template again/,
    );
    expect(error.message).toMatch(
      /- prod: Namespace 'payments-api-prod' on cluster 'prod': 0 of 9 objects applied; 1 failed:\n {2}- Cluster 'prod': create Namespace payments-api-prod failed: 500 InternalError/,
    );
    const output = outputsOf(ctx);
    expect(output.failedEnvironments).toEqual(['prod']);
    expect(
      output.environments.map((e: any) => [e.environment, e.status]),
    ).toEqual([
      ['dev', 'provisioned'],
      ['staging', 'provisioned'],
      ['prod', 'failed'],
    ]);
    expect(output.environments[2].error).toMatch(/500 InternalError/);
    expect(output.entities).toHaveLength(2);
    expect(namespacesOf(env, 'dev')).toEqual(['payments-api-dev']);
    expect(namespacesOf(env, 'prod')).toEqual([]);

    env.simulators.prod.setFaults(undefined);
    const rerun = actionContext(request);
    await action.handler(rerun);
    const outcomes = outputsOf(rerun).environments.map((e: any) => [
      e.environment,
      [...new Set(e.objects.map((o: any) => o.outcome))],
    ]);
    expect(outcomes).toEqual([
      ['dev', ['unchanged']],
      ['staging', ['unchanged']],
      ['prod', ['created']],
    ]);
  });

  it('refuses before any request when one environment is not allowed', async () => {
    const action = await setup();
    const ctx = actionContext(request, { credentials: grace });
    await expect(action.handler(ctx)).rejects.toThrow(
      "Not allowed to provision namespaces for group:default/payments in environments 'staging', 'prod' (permission guardrails.namespace.provision); nothing was provisioned.",
    );
    expect(env.requests()).toEqual([]);
    expect(
      auditor.events.map(e => [
        (e.options.meta as any).where.environment,
        e.status,
      ]),
    ).toEqual([
      ['staging', 'failed'],
      ['prod', 'failed'],
    ]);
  });

  it("refuses an owner other than the catalog's in every environment and changes no cluster", async () => {
    const action = await setup({
      catalogEntities: [componentEntity('payments-api', 'payments')],
    });
    await action.handler(actionContext(request, { credentials: ada }));
    const snapshots = () =>
      ['dev', 'staging', 'prod'].map(c => clusterSnapshot(env.simulators[c]));
    const before = snapshots();
    env.resetRequests();
    auditor.events.length = 0;

    for (const dryRun of [false, true]) {
      const refusal = action.handler(
        actionContext(
          {
            ...request,
            owner: 'group:default/platform',
            environments: ['prod'],
          },
          { credentials: guest, dryRun },
        ),
      );
      await expect(refusal).rejects.toThrow(
        'component:default/payments-api is owned by group:default/payments in the catalog, not group:default/platform',
      );
      await expect(refusal).rejects.toMatchObject({ name: 'NotAllowedError' });
    }
    expect(snapshots()).toEqual(before);
    expect(env.requests()).toEqual([]);
    expect(auditor.events.map(e => e.status)).toEqual(['failed', 'failed']);
  });

  it('refuses namespaces recorded for another owner and changes no cluster', async () => {
    const action = await setup();
    await action.handler(actionContext(request, { credentials: ada }));
    const before = clusterSnapshot(env.simulators.dev);
    env.resetRequests();

    // Anyone may provision in dev, so only the namespace's record stands in the way.
    await expect(
      action.handler(
        actionContext(
          {
            ...request,
            owner: 'group:default/platform',
            environments: ['dev'],
          },
          { credentials: guest },
        ),
      ),
    ).rejects.toThrow(
      "belongs to owner 'group:default/payments' (annotation guardrails.dev/owner-ref), not 'group:default/platform'",
    );
    expect(clusterSnapshot(env.simulators.dev)).toBe(before);
    expect(writes(env.requests())).toEqual([]);
  });

  it('names every invalid environment before any request', async () => {
    const action = await setup();
    await expect(
      action.handler(
        actionContext({ ...request, environments: ['dev', 'qa', 'test'] }),
      ),
    ).rejects.toThrow(
      /Nothing was provisioned; the request is invalid:\n- qa: .*environment 'qa' is not configured.*\n- test: .*environment 'test' is not configured/,
    );
    await expect(
      action.handler(actionContext({ ...request, environments: [] })),
    ).rejects.toThrow('environments must name at least one environment');
    await expect(
      action.handler(
        actionContext({ ...request, environments: ['dev', 'dev'] }),
      ),
    ).rejects.toThrow("environments lists 'dev' more than once");
    expect(env.requests()).toEqual([]);
  });

  it('plans every environment without writing in a dry run', async () => {
    const action = await setup();
    const ctx = actionContext(request, { dryRun: true });
    await action.handler(ctx);
    const output = outputsOf(ctx);
    expect(output.environments.map((e: any) => e.status)).toEqual([
      'planned',
      'planned',
      'planned',
    ]);
    expect(
      output.environments.flatMap((e: any) =>
        e.objects.map((o: any) => o.outcome),
      ),
    ).not.toContain('created');
    expect(writes(env.requests())).toEqual([]);
  });
});
