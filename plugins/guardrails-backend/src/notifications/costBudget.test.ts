import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseGuardrailsStore, QuotaUsage } from '../db';
import { PORTAL, startScenario } from './__testUtils__/noticesBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const PLATFORM = 'group:default/platform';
const START = new Date('2027-01-30T06:00:00.000Z');
const GIB = 2 ** 30;

const COSTS = {
  currency: 'EUR',
  prices: { prod: { cpu: 10, memoryGiB: 2 } },
  // cc-1 reserves 2 CPUs and 4 GiB: 28 EUR a month; cc-2 1 CPU and 1 GiB: 12 EUR.
  budgets: { 'cc-1': 27.99, 'cc-2': 12 },
  recipients: [PLATFORM],
};
const SETTINGS = {
  upcomingStage: { enabled: false },
  exemptionExpiry: { enabled: false },
  blockViolation: { enabled: false },
  quotaHeadroom: { enabled: false },
};

function quota(
  namespace: string,
  costCenter: string,
  cpu: number,
  memoryGiB: number,
): QuotaUsage[] {
  const row = {
    cluster: 'prod',
    environment: 'prod',
    namespace,
    quota: 'compute',
    costCenter,
  };
  return [
    {
      ...row,
      resource: 'requests.cpu',
      hard: String(cpu),
      hardValue: cpu,
    },
    {
      ...row,
      resource: 'requests.memory',
      hard: `${memoryGiB}Gi`,
      hardValue: memoryGiB * GIB,
    },
  ];
}

async function readProd(knex: Knex, at: Date) {
  const store = await DatabaseGuardrailsStore.create({
    database: { getClient: async () => knex },
  });
  await store.replaceQuotaUsage({
    cluster: 'prod',
    observedAt: at,
    namespaces: [],
    usage: [
      ...quota('payments', 'cc-1', 2, 4),
      ...quota('tools', 'cc-2', 1, 1),
    ],
  });
}

describe('notices of a cost centre over its budget', () => {
  it('tell the platform team once a month per cost centre over its budget, not one at it', async () => {
    const { backend, notifications, runAt, knex } = await startScenario(
      databases,
      { start: START, settings: SETTINGS, costs: COSTS },
    );
    try {
      await readProd(knex, START);
      await runAt(START);
      await runAt(new Date('2027-01-31T23:59:00.000Z'));
      expect(notifications.titles()).toEqual([
        'Cost centre cc-1 is over its budget: 28.00 EUR of 27.99 EUR a month',
      ]);
      expect(notifications.sent[0]).toMatchObject({
        recipients: { type: 'entity', entityRef: [PLATFORM] },
        payload: {
          link: `${PORTAL}/guardrails/budgets`,
          metadata: {
            kind: 'cost-budget',
            costCenter: 'cc-1',
            month: '2027-01',
            estimate: 28,
            monthly: 27.99,
          },
        },
      });

      await runAt(new Date('2027-02-01T00:00:00.000Z'));
      expect(notifications.titles()).toHaveLength(2);
      expect(notifications.sent[1].payload.metadata).toMatchObject({
        month: '2027-02',
      });
    } finally {
      await backend.stop();
    }
  });

  it('are off without recipients, and refuse to start when switched on without them', async () => {
    const { recipients: _, ...withoutRecipients } = COSTS;
    const quiet = await startScenario(databases, {
      start: START,
      settings: { ...SETTINGS, quotaHeadroom: { enabled: true } },
      costs: withoutRecipients,
    });
    try {
      await readProd(quiet.knex, START);
      await quiet.runAt(START);
      expect(quiet.notifications.titles()).toEqual([]);
    } finally {
      await quiet.backend.stop();
    }
    await expect(
      startScenario(databases, {
        start: START,
        settings: { costBudget: { enabled: true } },
        costs: withoutRecipients,
      }),
    ).rejects.toThrow(
      'guardrails.costs.recipients must name the platform team',
    );
  });
});
