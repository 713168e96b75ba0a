import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { namespace, TEST_TOKEN } from '../__testUtils__/simulatedClusters';
import {
  Enforcement,
  PORTAL,
  startEnforcement,
} from './__testUtils__/enforcementBackend';
import { ManualClock } from './__testUtils__/ManualClock';

jest.setTimeout(60_000);

// The example pack the dev portal loads: guardrails on the DatabaseClaim CRD.
const examplePack = parseAllDocuments(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../../examples/packs/database-claims/claims.yaml',
    ),
    'utf8',
  ),
)
  .map(document => document.toJS())
  // The simulated clusters serve dev and prod only; a pack may name only configured environments.
  .map(guardrail => {
    const { staging: _staging, ...rollout } = guardrail.spec.rollout;
    return { ...guardrail, spec: { ...guardrail.spec, rollout } };
  });

/** After the example pack's last prod date: both guardrails block in prod and warn in dev. */
const AT = new Date('2027-03-02T00:00:00Z');

const claimsDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'databaseclaims.platform.example.org' },
  spec: {
    group: 'platform.example.org',
    scope: 'Namespaced',
    names: { plural: 'databaseclaims', kind: 'DatabaseClaim' },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    ],
  },
};

/** A developer creating a claim, as kubectl does: the status, message and warnings admission gave. */
async function createClaim(
  env: Enforcement,
  cluster: string,
  ns: string,
  spec: Record<string, unknown>,
) {
  const res = await fetch(
    `${env.clusters.simulators[cluster].url}/apis/platform.example.org/v1alpha1/namespaces/${ns}/databaseclaims`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        apiVersion: 'platform.example.org/v1alpha1',
        kind: 'DatabaseClaim',
        metadata: { generateName: 'db-', namespace: ns },
        spec: { engine: 'postgres', storageGB: 20, ...spec },
      }),
    },
  );
  const body = (await res.json()) as { message?: string };
  return {
    status: res.status,
    message: body.message ?? '',
    warnings: res.headers.get('warning') ?? '',
  };
}

describe('guardrails on custom resources at admission', () => {
  let env: Enforcement | undefined;
  afterEach(() => env?.close());

  it('exports a CRD guardrail on the resource the cluster names: a violating claim is denied at block and warned at warn', async () => {
    env = await startEnforcement({
      clock: new ManualClock(AT),
      seeds: [
        claimsDefinition,
        namespace('shop-dev', { 'guardrails.dev/environment': 'dev' }),
        namespace('shop-prod', { 'guardrails.dev/environment': 'prod' }),
      ],
      pack: examplePack,
    });
    await env.sync('prod');
    await env.sync('dev');

    // The REST API tells the same: the claim guardrails run in admission; the quota's status check does not.
    const { guardrails } = await env.get('/guardrails');
    const admission = (id: string) =>
      guardrails.find((g: any) => g.id === id).admission;
    expect(admission('claim.allowed-regions')).toEqual({ exportable: true });
    expect(admission('namespace.quota-headroom')).toEqual({
      exportable: false,
      reason:
        'reads object.status, which controllers report after admission (audit only)',
    });

    const policy = env
      .objects('prod', 'ValidatingAdmissionPolicy')
      .get('guardrails.claim.allowed-regions');
    expect(policy.spec.matchConstraints.resourceRules).toEqual([
      {
        apiGroups: ['platform.example.org'],
        apiVersions: ['*'],
        operations: ['CREATE', 'UPDATE'],
        resources: ['databaseclaims'],
        scope: '*', // the API server's default
      },
    ]);

    const denied = await createClaim(env, 'prod', 'shop-prod', {
      region: 'us-east-1',
      instanceClass: 'db.t3.small',
    });
    // A validation's default reason is Invalid: the API server answers 422.
    expect(denied.status).toBe(422);
    expect(denied.message).toContain('claim.allowed-regions');
    expect(denied.message).toContain(
      'region us-east-1 is not approved; approved regions: eu-west-1, eu-central-1',
    );
    expect(denied.message).toContain(
      `${PORTAL}/guardrails/catalog?guardrail=claim.allowed-regions`,
    );
    const tooLarge = await createClaim(env, 'prod', 'shop-prod', {
      region: 'eu-west-1',
      instanceClass: 'db.r6g.8xlarge',
    });
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.message).toContain('claim.allowed-instance-classes');
    expect(
      (
        await createClaim(env, 'prod', 'shop-prod', {
          region: 'eu-west-1',
          instanceClass: 'db.t3.small',
        })
      ).status,
    ).toBe(201);

    const warned = await createClaim(env, 'dev', 'shop-dev', {
      region: 'us-east-1',
      instanceClass: 'db.t3.small',
    });
    expect(warned.status).toBe(201);
    expect(warned.warnings).toContain('claim.allowed-regions');
    expect(warned.warnings).toContain('region us-east-1 is not approved');
  });

  it('leaves the guardrails out of a cluster that does not serve the CRD, and keeps syncing there', async () => {
    env = await startEnforcement({
      clock: new ManualClock(AT),
      seeds: [namespace('shop-prod', { 'guardrails.dev/environment': 'prod' })],
      pack: examplePack,
    });
    await env.sync('prod');

    const policies = [
      ...env.objects('prod', 'ValidatingAdmissionPolicy').keys(),
    ];
    expect(policies).toContain('guardrails.pod.no-privileged');
    expect(
      policies.filter(name => name.startsWith('guardrails.claim.')),
    ).toEqual([]);
    expect((await env.clusterState('prod')).status).toBe('ok');
  });
});
