import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseEnforcementStore } from '../db/DatabaseEnforcementStore';
import { EnforcementChange } from '../db/EnforcementStore';
import { PORTAL, startScenario } from './__testUtils__/noticesBackend';
import { BLOCK_AT, daysBefore } from './__testUtils__/testPack';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const PLATFORM = 'group:default/platform';

const bindingChange = (
  override: Partial<EnforcementChange> = {},
): EnforcementChange => ({
  kind: 'ValidatingAdmissionPolicyBinding',
  name: 'guardrails.pod.no-privileged.prod',
  guardrail: 'pod.no-privileged',
  environment: 'prod',
  change: 'update',
  oldActions: ['Warn', 'Audit'],
  newActions: ['Deny'],
  ...override,
});

describe('notices of a stage change that took effect', () => {
  it('tells the platform team once per cluster and stage, with the counts of what fails there', async () => {
    const { backend, notifications, runAt, knex } = await startScenario(
      databases,
      {
        start: daysBefore(BLOCK_AT, 1),
        settings: {
          stageEffective: { recipients: [PLATFORM] },
          upcomingStage: { enabled: false },
        },
      },
    );
    const enforcement = new DatabaseEnforcementStore(knex);
    const sync = (at: Date, change: EnforcementChange) =>
      enforcement.recordSync({
        cluster: 'prod',
        syncedAt: at.toISOString(),
        result: 'ok',
        changes: [change],
        drift: [],
      });
    const minutes = (n: number) => new Date(BLOCK_AT.getTime() + n * 60_000);
    try {
      await sync(minutes(1), bindingChange());
      await runAt(minutes(2));
      await runAt(minutes(3));
      expect(notifications.sent).toHaveLength(1);
      expect(notifications.sent[0]).toMatchObject({
        recipients: { type: 'entity', entityRef: [PLATFORM] },
        payload: {
          title: 'pod.no-privileged is now at block in prod (cluster prod)',
          link: `${PORTAL}/guardrails/catalog?guardrail=pod.no-privileged`,
          topic: 'guardrails:pod.no-privileged',
          metadata: { failing: 2, components: 1, unowned: 0, exempted: 0 },
        },
      });
      expect(notifications.sent[0].payload.description).toContain(
        'Failing there now: 2 objects of 1 component, 0 unowned; 0 exempted.',
      );

      // A restored hand edit, and Deny again three days on (a pause resumed): not a stage taking effect.
      await sync(minutes(10), bindingChange({ drift: 'edited' }));
      await sync(minutes(3 * 24 * 60), bindingChange());
      await runAt(minutes(3 * 24 * 60 + 1));
      expect(notifications.sent).toHaveLength(1);
    } finally {
      await backend.stop();
    }
  });

  it('is off without recipients, and refuses to start when switched on without them', async () => {
    const quiet = await startScenario(databases, {
      start: daysBefore(BLOCK_AT, -1),
    });
    await quiet.backend.stop();
    await expect(
      startScenario(databases, {
        start: daysBefore(BLOCK_AT, -1),
        settings: { stageEffective: { enabled: true } },
      }),
    ).rejects.toThrow(
      'guardrails.notifications.stageEffective.recipients must name the platform team',
    );
  });
});
