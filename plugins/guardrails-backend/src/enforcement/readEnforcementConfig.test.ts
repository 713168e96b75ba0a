import { ConfigReader } from '@backstage/config';
import { readEnforcementConfig } from './readEnforcementConfig';

const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const read = (enforcement?: object) =>
  readEnforcementConfig(
    new ConfigReader({ guardrails: enforcement ? { enforcement } : {} }),
    ENVIRONMENTS,
  );

describe('readEnforcementConfig', () => {
  it('leaves admission to GitOps unless told to sync, and syncs every 5 minutes', () => {
    const config = read();
    expect([...config.modes]).toEqual([
      ['dev', 'off'],
      ['staging', 'off'],
      ['prod', 'off'],
    ]);
    expect(config.cadence).toEqual({ minutes: 5 });
    expect(config.timeout).toEqual({ minutes: 2 });
  });

  it('takes a mode for all environments and per environment, and durations in either form', () => {
    const config = read({
      mode: 'sync',
      cadence: '2m',
      timeout: { seconds: 90 },
      environments: { prod: { mode: 'off' } },
    });
    expect([...config.modes]).toEqual([
      ['dev', 'sync'],
      ['staging', 'sync'],
      ['prod', 'off'],
    ]);
    expect(config.cadence).toEqual({ minutes: 2 });
    expect(config.timeout).toEqual({ seconds: 90 });
  });

  it.each([
    [
      { mode: 'enforce' },
      "guardrails.enforcement.mode is 'enforce'; set it to 'sync' (the backend applies the admission policies) or 'off' (admission is left to GitOps)",
    ],
    [
      { environments: { prd: { mode: 'sync' } } },
      "guardrails.enforcement.environments.prd is not an environment; did you mean 'prod'? expected one of dev, staging, prod",
    ],
    [
      { environments: { prod: { mdoe: 'sync' } } },
      "guardrails.enforcement.environments.prod.mdoe is not a setting; did you mean 'mode'? expected one of mode",
    ],
    [
      { cadance: '5m' },
      "guardrails.enforcement.cadance is not a setting; did you mean 'cadence'? expected one of mode, cadence, timeout, environments",
    ],
    [
      { cadence: '1s' },
      'guardrails.enforcement.cadence must be at least 10 seconds; stage boundaries wake the sync on their own, so a cadence of minutes is enough',
    ],
    [
      { cadence: 'soon' },
      /^guardrails\.enforcement\.cadence is not a duration \(.*\); write it as \{ minutes: 5 \} or '5m'$/,
    ],
    [
      { timeout: '0s' },
      'guardrails.enforcement.timeout must be longer than zero',
    ],
  ])('fails on %j naming the key and the fix', (enforcement, message) => {
    expect(() => read(enforcement)).toThrow(message);
  });
});
