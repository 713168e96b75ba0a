import { ConfigReader } from '@backstage/config';
import { readAuditConfig } from './readAuditConfig';

const read = (audit: object) =>
  readAuditConfig(new ConfigReader({ guardrails: { audit } }));

describe('readAuditConfig', () => {
  it('watches by default: relist every 6 hours, re-evaluation every 5 minutes, changes gathered for 100 ms', () => {
    expect(read({}).watch).toMatchObject({
      relistIntervalMs: 6 * 60 * 60_000,
      reevaluateIntervalMs: 5 * 60_000,
      debounceMs: 100,
    });
    expect(read({}).initialDelayMs).toBe(5_000);
  });

  it('reads the whole cluster on the schedule when watching is off', () => {
    const config = read({ watch: { enabled: false } });
    expect(config.watch).toBeUndefined();
    expect(config.schedule.frequency).toEqual({ minutes: 5 });
  });

  it.each([
    ['debounceMs', -5],
    ['debounceMs', 60_000],
    ['relistIntervalMinutes', 0],
    ['reevaluateIntervalMinutes', Number.NaN],
  ])('rejects watch.%s = %s, naming the key', (key, value) => {
    expect(() => read({ watch: { [key]: value } })).toThrow(
      `guardrails.audit.watch.${key} must be a number from`,
    );
  });
});
