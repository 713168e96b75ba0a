import { namespace } from '../__testUtils__/simulatedClusters';
import { developer } from './__testUtils__/developer';
import {
  BLOCK_AT,
  Enforcement,
  PORTAL,
  startEnforcement,
  until,
} from './__testUtils__/enforcementBackend';
import { ManualClock } from './__testUtils__/ManualClock';

jest.setTimeout(60_000);

const HOUR_MS = 60 * 60_000;
const PROD = { 'guardrails.dev/environment': 'prod' };
const ALLOWANCE = 'guardrails.dev/deletion-allowed-until';
const DELETION_POLICY = 'guardrails.namespace.deletion-protection';
/** The next stage of the default pack in prod after {@link BLOCK_AT}. */
const NEXT_STAGE_AT = '2027-02-01T00:00:00.000Z';

/** Each prod policy that reads admission's clock, with the hour it holds. */
function clockPolicies(env: Enforcement): Map<string, string> {
  const held = new Map<string, string>();
  for (const [name, policy] of env.objects(
    'prod',
    'ValidatingAdmissionPolicy',
  )) {
    const now = policy.spec.variables?.find(
      (v: any) => v.name === 'guardrailsNow',
    );
    if (now) held.set(name, now.expression);
  }
  return held;
}

describe("admission's clock and the deletion protections", () => {
  let env: Enforcement | undefined;
  afterEach(() => env?.close());

  it('links every message to the portal and refuses deleting a protected prod namespace', async () => {
    // Past the default pack's prod block of namespace.deletion-protection (2027-01-15).
    env = await startEnforcement({
      clock: new ManualClock(new Date(BLOCK_AT.getTime() + 60_000)),
      seeds: [
        namespace('shop', PROD),
        namespace('scratch', PROD, { [ALLOWANCE]: '2027-01-15T06:00:00Z' }),
      ],
    });
    await env.sync('prod');
    for (const [name, policy] of env.objects(
      'prod',
      'ValidatingAdmissionPolicy',
    )) {
      const id = name.replace(/^guardrails\./, '');
      const link = `Details: ${PORTAL}/guardrails/catalog?guardrail=${id}`;
      for (const validation of policy.spec.validations) {
        expect(validation.message).toMatch(
          new RegExp(`^${id.replace(/\./g, '\\.')} \\(`),
        );
        expect(validation.message.endsWith(link)).toBe(true);
      }
    }

    const dev = developer(env, 'prod');
    const denied = await dev.deleteNamespace('shop');
    expect(denied.status).toBe(422);
    expect(denied.message).toContain(
      `ValidatingAdmissionPolicy '${DELETION_POLICY}' with binding '${DELETION_POLICY}.prod' denied request: namespace.deletion-protection (`,
    );
    expect(denied.message).toContain(
      `${PORTAL}/guardrails/catalog?guardrail=namespace.deletion-protection`,
    );
    expect(
      env.clusters.simulators.prod
        .listObjects('v1', 'Namespace')
        .map((n: any) => n.metadata.name),
    ).toContain('shop');
    // A dated allowance within the next 24 hours of admission's clock lets the deletion through.
    expect((await dev.deleteNamespace('scratch')).status).toBe(200);
  });

  it('refreshes the clock policies on the hour and writes nothing in between; the view shows the next stage', async () => {
    const start = new Date(BLOCK_AT.getTime() + 60_000);
    env = await startEnforcement({ clock: new ManualClock(start) });
    const { clock } = env;
    await env.sync('prod');
    const before = clockPolicies(env);
    expect([...before.keys()]).toContain(DELETION_POLICY);
    expect(before.get(DELETION_POLICY)).toBe(
      'timestamp("2027-01-15T00:00:00Z")',
    );

    clock.set(new Date(start.getTime() + 20 * 60_000));
    env.clusters.simulators.prod.resetRequestLog();
    await env.sync('prod');
    expect(env.requests('prod')).toEqual({ lists: 2, writes: 0 });
    // The view's next change is the rollout's, not the hourly refresh the sync wakes for.
    expect((await env.clusterState('prod')).nextChange.at).toBe(NEXT_STAGE_AT);
    const hour = new Date(BLOCK_AT.getTime() + HOUR_MS);
    expect(clock.nextTimer()).toEqual(hour);

    env.clusters.simulators.prod.resetRequestLog();
    clock.set(hour);
    const state = await until(async () => {
      const prod = await env!.clusterState('prod');
      return prod.lastSync.syncedAt === hour.toISOString() && prod;
    }, 'the sync on the hour');
    expect(state.lastSync.changes.map((c: any) => c.name).sort()).toEqual(
      [...before.keys()].sort(),
    );
    expect(env.requests('prod')).toEqual({ lists: 2, writes: before.size });
    expect(clockPolicies(env).get(DELETION_POLICY)).toBe(
      'timestamp("2027-01-15T01:00:00Z")',
    );
  });
});
