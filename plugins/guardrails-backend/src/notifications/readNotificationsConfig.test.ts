import { ConfigReader } from '@backstage/config';
import { readNotificationsConfig } from './readNotificationsConfig';

const read = (notifications: object, app: object = {}) =>
  readNotificationsConfig(
    new ConfigReader({ app, guardrails: { notifications } }),
  );

describe('readNotificationsConfig', () => {
  it('defaults to every kind but the platform team’s, at 14/7/1 and 14/3 days, every 15 minutes', () => {
    expect(read({}, { baseUrl: 'https://portal.example.com/' })).toEqual({
      enabled: true,
      schedule: {
        frequency: { minutes: 15 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
        scope: 'global',
      },
      retryAfterMs: 15 * 60_000,
      portalBaseUrl: 'https://portal.example.com',
      upcomingStage: { enabled: true, horizons: [14, 7, 1] },
      exemptionExpiry: { enabled: true, horizons: [14, 3] },
      blockViolation: { enabled: true },
      stageEffective: { enabled: false, recipients: [] },
      quotaHeadroom: { enabled: true },
      costBudget: { enabled: false },
    });
  });

  it('switches kinds off one by one or all at once', () => {
    const config = read({
      upcomingStage: { enabled: false, horizons: [3, 30] },
      stageEffective: { recipients: ['group:default/Platform'] },
    });
    expect(config.upcomingStage).toEqual({ enabled: false, horizons: [30, 3] });
    expect(config.stageEffective).toEqual({
      enabled: true,
      recipients: ['group:default/platform'],
    });
    expect(
      read({ enabled: false, stageEffective: { recipients: ['group:p'] } })
        .enabled,
    ).toBe(false);
  });

  it.each([
    [
      { upcomingStage: { horizons: [14, 0] } },
      'guardrails.notifications.upcomingStage.horizons[1] must be a whole number of days, at least 1, got 0',
    ],
    [
      { exemptionExpiry: { horizons: [] } },
      'guardrails.notifications.exemptionExpiry.horizons must be a non-empty list of days',
    ],
    [
      { exemptionExpiry: { horizons: [3, 3] } },
      'guardrails.notifications.exemptionExpiry.horizons lists a number of days twice',
    ],
    [
      { stageEffective: { recipients: ['platform team'] } },
      'guardrails.notifications.stageEffective.recipients[0] must be an entity ref',
    ],
    [
      { upcomingStage: { enabled: 'maybe' } },
      "config value for key 'guardrails.notifications.upcomingStage.enabled'",
    ],
  ])('names the key of a wrong value: %j', (notifications, message) => {
    expect(() => read(notifications)).toThrow(message);
  });
});
