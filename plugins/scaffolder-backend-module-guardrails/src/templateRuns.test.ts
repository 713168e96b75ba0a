import path from 'node:path';
import yaml from 'yaml';
import { componentEntity } from './__testUtils__/actionHarness';
import {
  DATABASE_CLAIM_CRD,
  DATABASE_CLAIM_KIND,
} from './__testUtils__/databaseClaims';
import { startScaffolder } from './__testUtils__/scaffolderBackend';
import {
  clusterSnapshot,
  SimulatedEnvironments,
  startSimulatedEnvironments,
  writes,
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

  it('guarded-namespace and guarded-service apply the default cost centre for API callers that leave it out', async () => {
    const run = await scaffolder.runTemplate(
      'guarded-namespace',
      {
        component: 'component:default/payments-api',
        namespace: 'payments-api-batch',
        target: { environment: 'dev', size: 'small' },
      },
      'user:default/ada',
    );
    expect({ status: run.status, error: run.error }).toEqual({
      status: 'completed',
      error: undefined,
    });
    expect(namespaceLabels('dev', 'payments-api-batch')).toMatchObject({
      'guardrails.dev/cost-center': 'cc-0000',
    });

    const service = await scaffolder.dryRunTemplate(
      'guarded-service',
      {
        name: 'billing',
        owner: 'group:default/payments',
        environments: ['dev'],
        size: 'small',
      },
      'user:default/ada',
    );
    const deployment = yaml.parse(service.files['k8s/deployment.yaml']);
    expect(deployment.metadata.labels['guardrails.dev/cost-center']).toBe(
      'cc-0000',
    );
  });

  it.each([
    [
      'an injection',
      'Bills "customers", \\ monthly", "scripts": {"postinstall": "x"}, "x": "',
    ],
    ['none', undefined],
  ])(
    'guarded-service writes the description into package.json as a string (%s)',
    async (_case, description) => {
      const run = await scaffolder.dryRunTemplate(
        'guarded-service',
        {
          name: 'billing',
          ...(description === undefined ? {} : { description }),
          owner: 'group:default/payments',
          environments: ['dev'],
          size: 'small',
          costCenter: 'cc-1234',
        },
        'user:default/ada',
      );
      const packageJson = JSON.parse(run.files['package.json']);
      expect(packageJson.description).toBe(description ?? '');
      expect(Object.keys(packageJson)).toEqual([
        'name',
        'version',
        'private',
        'description',
        'main',
        'scripts',
        'engines',
      ]);
      expect(packageJson.scripts).toEqual({ start: 'node src/index.js' });
    },
  );
});

describe('guarded-service with a database, run by the scaffolder', () => {
  let env: SimulatedEnvironments;
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  beforeEach(async () => {
    // As the dev portal runs: the default pack and the example pack of database claim guardrails, on clusters
    // that serve DatabaseClaim.
    env = await startSimulatedEnvironments({
      guardrails: {
        packs: [
          path.resolve(__dirname, '../../../examples/packs/database-claims'),
        ],
      },
      seed: Object.fromEntries(
        ['dev', 'staging', 'prod'].map(c => [c, [DATABASE_CLAIM_CRD]]),
      ),
    });
    scaffolder = await startScaffolder(env);
  });

  afterEach(async () => {
    await scaffolder?.stop();
    await env?.close();
  });

  const service = {
    name: 'billing',
    owner: 'group:default/payments',
    environments: ['dev', 'prod'],
    size: 'small',
    costCenter: 'cc-1234',
    database: true,
    databaseEngine: 'postgres',
    databaseStorageGB: 50,
  };

  const claims = (cluster: string) =>
    (
      env.simulators[cluster].listObjects(
        DATABASE_CLAIM_KIND.apiVersion,
        DATABASE_CLAIM_KIND.kind,
      ) as any[]
    ).map(c => ({
      namespace: c.metadata.namespace,
      name: c.metadata.name,
      spec: c.spec,
    }));

  it("creates the claim in the service's namespace of each environment when region and class are allowed", async () => {
    const run = await scaffolder.runTemplate(
      'guarded-service',
      {
        ...service,
        databaseRegion: 'eu-central-1',
        databaseInstanceClass: 'db.t3.medium',
      },
      'user:default/ada',
    );

    expect({ status: run.status, error: run.error }).toEqual({
      status: 'completed',
      error: undefined,
    });
    const spec = {
      engine: 'postgres',
      region: 'eu-central-1',
      instanceClass: 'db.t3.medium',
      storageGB: 50,
    };
    expect(claims('dev')).toEqual([
      { namespace: 'billing-dev', name: 'billing-db', spec },
    ]);
    expect(claims('prod')).toEqual([
      { namespace: 'billing-prod', name: 'billing-db', spec },
    ]);
    expect(claims('staging')).toEqual([]);
  });

  it.each([
    [
      'a region',
      { databaseRegion: 'us-east-1', databaseInstanceClass: 'db.t3.small' },
      'region us-east-1 is not approved; approved regions: eu-west-1, eu-central-1',
    ],
    [
      'an instance class',
      {
        databaseRegion: 'eu-west-1',
        databaseInstanceClass: 'db.x2iedn.32xlarge',
      },
      'instance class db.x2iedn.32xlarge is not approved',
    ],
  ])(
    'refuses %s outside the guardrails typed through the API, before anything is applied',
    async (_what, choice, problem) => {
      const before = ['dev', 'staging', 'prod'].map(c =>
        clusterSnapshot(env.simulators[c]),
      );

      const run = await scaffolder.runTemplate(
        'guarded-service',
        { ...service, ...choice },
        'user:default/ada',
      );

      expect(run.status).toBe('failed');
      expect(run.error).toContain(problem);
      expect(run.error).toContain('this step requires it at any stage');
      expect(
        ['dev', 'staging', 'prod'].map(c => clusterSnapshot(env.simulators[c])),
      ).toEqual(before);
      expect([...claims('dev'), ...claims('prod')]).toEqual([]);
      expect(writes(env.requests())).toEqual([]);
    },
  );

  it('renders the claim with each value as one string or number', async () => {
    const run = await scaffolder.dryRunTemplate(
      'guarded-service',
      {
        ...service,
        databaseRegion: 'eu-west-1',
        databaseInstanceClass: 'db.t3.small',
      },
      'user:default/ada',
    );
    const claim = yaml.parse(run.files['k8s/database-claim.yaml']);
    expect(claim.metadata).toEqual({
      name: 'billing-db',
      labels: {
        'app.kubernetes.io/name': 'billing',
        'backstage.io/kubernetes-id': 'billing',
        'guardrails.dev/owner': 'group.default.payments',
        'guardrails.dev/cost-center': 'cc-1234',
      },
    });
    expect(claim.spec).toEqual({
      engine: 'postgres',
      region: 'eu-west-1',
      instanceClass: 'db.t3.small',
      storageGB: 50,
    });
  });

  it('refuses a cost centre that is not a label value before rendering anything', async () => {
    await expect(
      scaffolder.runTemplate(
        'guarded-service',
        {
          ...service,
          costCenter: 'cc-1234\n    evil: x',
          databaseRegion: 'eu-west-1',
          databaseInstanceClass: 'db.t3.small',
        },
        'user:default/ada',
      ),
    ).rejects.toThrow(/task not created \(400\).*costCenter/);
  });

  it('claims no database unless asked', async () => {
    const run = await scaffolder.runTemplate(
      'guarded-service',
      { ...service, database: false, databaseRegion: 'us-east-1' },
      'user:default/ada',
    );
    expect({ status: run.status, error: run.error }).toEqual({
      status: 'completed',
      error: undefined,
    });
    expect([...claims('dev'), ...claims('prod')]).toEqual([]);
  });
});
