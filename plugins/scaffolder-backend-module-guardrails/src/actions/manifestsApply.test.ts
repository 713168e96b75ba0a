import fs from 'node:fs';
import path from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { loadGuardrailsPack } from '@guardrails-dev/plugin-guardrails-node';
import {
  actionContext,
  grace,
  guest,
  outputsOf,
  ownerPolicyPermissions,
  recordingAuditor,
} from '../__testUtils__/actionHarness';
import {
  DATABASE_CLAIM_CRD,
  DATABASE_CLAIM_KIND,
  databaseClaimYaml,
} from '../__testUtils__/databaseClaims';
import {
  SimulatedEnvironments,
  startSimulatedEnvironments,
  writes,
} from '../__testUtils__/simulatedEnvironments';
import { createGuardrailsActions } from '.';

const CLAIMS_PACK = {
  includeDefaultPack: false,
  packs: [path.resolve(__dirname, '../__fixtures__/claims-pack')],
};

const EXAMPLE_PACK = {
  includeDefaultPack: false,
  packs: [
    path.resolve(__dirname, '../../../../examples/packs/database-claims'),
  ],
};

const provisionRequest = {
  owner: 'group:default/payments',
  component: 'component:default/payments-api',
  environments: ['dev', 'prod'],
  costCenter: 'cc-1234',
};

const applyRequest = {
  paths: ['k8s/database-claim.yaml'],
  kinds: [DATABASE_CLAIM_KIND],
  namespaces: { dev: 'payments-api-dev', prod: 'payments-api-prod' },
  component: 'component:default/payments-api',
  owner: 'group:default/payments',
};

describe('guardrails:manifests:apply', () => {
  const workspace = createMockDirectory();
  let env: SimulatedEnvironments;
  let auditor: ReturnType<typeof recordingAuditor>;
  let actions: Map<string, TemplateAction<any, any, any>>;

  const setup = async (
    options: {
      crdOn?: string[];
      provision?: boolean;
      guardrails?: Record<string, unknown>;
    } = {},
  ) => {
    const crdOn = options.crdOn ?? ['dev', 'staging', 'prod'];
    env = await startSimulatedEnvironments({
      guardrails: options.guardrails ?? CLAIMS_PACK,
      seed: Object.fromEntries(crdOn.map(c => [c, [DATABASE_CLAIM_CRD]])),
    });
    auditor = recordingAuditor();
    const list = await createGuardrailsActions({
      config: env.config,
      logger: mockServices.logger.mock(),
      pack: await loadGuardrailsPack(env.config, mockServices.logger.mock()),
      clusters: env.clusters,
      permissions: ownerPolicyPermissions(),
      auditor,
      discovery: env.discovery,
      auth: env.auth,
    });
    actions = new Map(list.map(a => [a.id, a]));
    if (options.provision ?? true) {
      await actions
        .get('guardrails:environment:provision')!
        .handler(actionContext(provisionRequest));
    }
    env.resetRequests();
  };

  const writeClaim = (text: string) => {
    workspace.clear();
    fs.mkdirSync(path.join(workspace.path, 'k8s'));
    fs.writeFileSync(
      path.join(workspace.path, 'k8s/database-claim.yaml'),
      text,
    );
  };

  const apply = async (
    input: Record<string, unknown> = applyRequest,
    options: Parameters<typeof actionContext>[1] = {},
  ) => {
    const ctx = actionContext(input, {
      workspacePath: workspace.path,
      ...options,
    });
    await actions.get('guardrails:manifests:apply')!.handler(ctx);
    return outputsOf(ctx);
  };

  const claims = (cluster: string) =>
    env.simulators[cluster].listObjects(
      DATABASE_CLAIM_KIND.apiVersion,
      DATABASE_CLAIM_KIND.kind,
    ) as any[];

  afterEach(async () => {
    await env?.close();
  });

  it("applies an allowed claim into the component's namespace in each environment, once", async () => {
    await setup();
    writeClaim(databaseClaimYaml({ region: 'eu-central-1' }));

    const output = await apply();

    expect(output.objects).toEqual([
      {
        cluster: 'dev',
        ...DATABASE_CLAIM_KIND,
        name: 'payments-api-db',
        namespace: 'payments-api-dev',
        outcome: 'created',
      },
      {
        cluster: 'prod',
        ...DATABASE_CLAIM_KIND,
        name: 'payments-api-db',
        namespace: 'payments-api-prod',
        outcome: 'created',
      },
    ]);
    expect(output.summaries.prod).toMatch(/^Guardrails in prod: 1 pass, /);
    expect(
      claims('prod').map(c => [c.metadata.namespace, c.spec.region]),
    ).toEqual([['payments-api-prod', 'eu-central-1']]);
    expect(claims('staging')).toEqual([]);
    expect(
      auditor.events
        .filter(e => e.options.eventId === 'manifests-apply')
        .map(e => [e.status, e.meta]),
    ).toEqual([
      [
        'succeeded',
        {
          objects: [
            expect.objectContaining({ cluster: 'dev', outcome: 'created' }),
            expect.objectContaining({ cluster: 'prod', outcome: 'created' }),
          ],
        },
      ],
    ]);

    const again = await apply();
    expect(again.objects.map((o: any) => o.outcome)).toEqual([
      'unchanged',
      'unchanged',
    ]);
  });

  it('refuses a claim in a region the guardrail does not allow, whatever the form sent, and writes nothing', async () => {
    await setup();
    writeClaim(databaseClaimYaml({ region: 'us-east-1' }));

    await expect(apply()).rejects.toThrow(
      /Nothing was applied\.[\s\S]*test\.claim-regions[\s\S]*region us-east-1 is not one of eu-west-1, eu-central-1/,
    );
    expect(writes(env.requests())).toEqual([]);
    expect([...claims('dev'), ...claims('prod')]).toEqual([]);
    expect(
      auditor.events
        .filter(e => e.options.eventId === 'manifests-apply')
        .map(e => [e.status, e.error?.name]),
    ).toEqual([['failed', 'GuardrailViolationError']]);
  });

  it('refuses a value a guardrail still at observe or warn does not allow when the step enforces that guardrail', async () => {
    // The example pack the dev portal loads: its claim guardrails observe or warn before they block.
    await setup({ guardrails: EXAMPLE_PACK });
    writeClaim(
      databaseClaimYaml({
        region: 'us-east-1',
        instanceClass: 'db.x2.32xlarge',
      }),
    );
    const enforce = ['claim.allowed-regions', 'claim.allowed-instance-classes'];

    const error = await apply({ ...applyRequest, enforce }).catch(e => e);
    expect(error.message).toContain('Nothing was applied.');
    expect(error.message).toMatch(
      /✖ claim\.allowed-regions: .* \[high, (observe|warn); this step requires it at any stage\][\s\S]*region us-east-1 is not approved; approved regions: eu-west-1, eu-central-1/,
    );
    expect(error.message).toContain(
      'instance class db.x2.32xlarge is not approved; approved classes: db.t3.small, db.t3.medium, db.r6g.large',
    );
    expect(writes(env.requests())).toEqual([]);

    await expect(
      apply({ ...applyRequest, enforce: ['claim.allowed-zones'] }),
    ).rejects.toThrow(
      "enforce names 'claim.allowed-zones', which the platform's pack does not have",
    );
    expect(writes(env.requests())).toEqual([]);
  });

  it('plans in a dry run and writes nothing', async () => {
    await setup();
    writeClaim(databaseClaimYaml({ region: 'eu-west-1' }));

    const output = await apply(applyRequest, { dryRun: true });

    expect(output.objects.map((o: any) => [o.cluster, o.outcome])).toEqual([
      ['dev', 'would-create'],
      ['prod', 'would-create'],
    ]);
    expect(writes(env.requests())).toEqual([]);
  });

  it('plans into namespaces a dry run of provisioning only planned', async () => {
    await setup({ provision: false });
    writeClaim(databaseClaimYaml({ region: 'eu-west-1' }));

    const output = await apply(applyRequest, { dryRun: true });

    expect(output.objects.map((o: any) => [o.namespace, o.outcome])).toEqual([
      ['payments-api-dev', 'would-create'],
      ['payments-api-prod', 'would-create'],
    ]);
    expect(writes(env.requests())).toEqual([]);
  });

  it('changes no cluster when one of them does not serve the kind', async () => {
    await setup({ crdOn: ['dev'] });
    writeClaim(databaseClaimYaml({ region: 'eu-west-1' }));

    await expect(apply()).rejects.toThrow(
      "Cluster 'prod' does not serve DatabaseClaim (platform.example.org/v1alpha1): its CustomResourceDefinition is not installed. Nothing was applied.",
    );
    expect(writes(env.requests())).toEqual([]);
    expect(claims('dev')).toEqual([]);
  });

  it('refuses namespaces that were not provisioned for the component and owner', async () => {
    await setup();
    writeClaim(databaseClaimYaml({ region: 'eu-west-1' }));

    await expect(
      apply({ ...applyRequest, namespaces: { dev: 'payments-api-batch' } }),
    ).rejects.toThrow(
      "Namespace 'payments-api-batch' does not exist in cluster 'dev': provision it first",
    );
    // The dev portal's guest is a member of the platform team, who may provision for it anywhere.
    await expect(
      apply(
        {
          ...applyRequest,
          component: 'component:default/storefront',
          owner: 'group:default/platform',
        },
        { credentials: guest },
      ),
    ).rejects.toThrow(
      /belongs to 'component:default\/payments-api'.*not 'component:default\/storefront'.*Nothing was applied\./,
    );
    await expect(
      apply(
        { ...applyRequest, owner: 'group:default/platform' },
        { credentials: guest },
      ),
    ).rejects.toThrow(
      /belongs to owner 'group:default\/payments'.*not 'group:default\/platform'.*Nothing was applied\./,
    );
    expect(writes(env.requests())).toEqual([]);
  });

  it('refuses an initiator who may not provision for the owner in an environment', async () => {
    await setup();
    writeClaim(databaseClaimYaml({ region: 'eu-west-1' }));

    await expect(apply(applyRequest, { credentials: grace })).rejects.toThrow(
      "Not allowed to apply into the namespaces of group:default/payments in 'prod' (permission guardrails.namespace.provision); nothing was applied.",
    );
    expect(writes(env.requests())).toEqual([]);
  });

  it('applies only the kinds the template lists, into the namespace it names', async () => {
    await setup({ provision: false });
    writeClaim(
      `${databaseClaimYaml({
        region: 'eu-west-1',
      })}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: admin }\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\n---\n${databaseClaimYaml(
        { region: 'eu-west-1', name: 'other' },
      ).replace('  name: other', '  name: other\n  namespace: kube-system')}`,
    );

    await expect(apply()).rejects.toThrow(
      /Nothing was applied; the manifests cannot be applied:\n- k8s\/database-claim\.yaml#2: ClusterRoleBinding \(rbac\.authorization\.k8s\.io\/v1\) is not among the kinds this step applies: DatabaseClaim \(platform\.example\.org\/v1alpha1\)\n- k8s\/database-claim\.yaml#3: leave metadata\.namespace out/,
    );
    expect(env.requests()).toEqual([]);
  });
});
