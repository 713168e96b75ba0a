import { componentEntity } from './__testUtils__/actionHarness';
import { startScaffolder } from './__testUtils__/scaffolderBackend';
import {
  clusterSnapshot,
  SimulatedEnvironments,
  startSimulatedEnvironments,
} from './__testUtils__/simulatedEnvironments';

jest.setTimeout(60_000);

describe('the templates, run by the scaffolder', () => {
  let env: SimulatedEnvironments;
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  beforeEach(async () => {
    env = await startSimulatedEnvironments({
      catalogEntities: [componentEntity('payments-api', 'payments')],
    });
    scaffolder = await startScaffolder(env);
  });

  afterEach(async () => {
    await scaffolder?.stop();
    await env?.close();
  });

  const namespaceLabels = (cluster: string, name: string) =>
    (env.simulators[cluster].listObjects('v1', 'Namespace') as any[]).find(
      n => n.metadata.name === name,
    )?.metadata.labels;

  it("guarded-service refuses to take over another team's component and changes no cluster", async () => {
    const provisioned = await scaffolder.runTemplate(
      'guarded-namespace',
      {
        component: 'component:default/payments-api',
        namespace: 'payments-api-prod',
        target: { environment: 'prod', size: 'small' },
        costCenter: 'cc-1234',
      },
      'user:default/ada',
    );
    expect(provisioned).toMatchObject({ status: 'completed' });
    const before = ['dev', 'staging', 'prod'].map(c =>
      clusterSnapshot(env.simulators[c]),
    );

    const takeover = await scaffolder.runTemplate(
      'guarded-service',
      {
        name: 'payments-api',
        owner: 'group:default/platform',
        environments: ['prod'],
        size: 'small',
        costCenter: 'cc-9999',
      },
      'user:default/guest',
    );

    expect(takeover.status).toBe('failed');
    expect(takeover.error).toContain(
      'component:default/payments-api is owned by group:default/payments in the catalog, not group:default/platform',
    );
    expect(
      ['dev', 'staging', 'prod'].map(c => clusterSnapshot(env.simulators[c])),
    ).toEqual(before);
    expect(namespaceLabels('prod', 'payments-api-prod')).toMatchObject({
      'guardrails.dev/owner': 'group.default.payments',
      'guardrails.dev/cost-center': 'cc-1234',
    });
  });
});
