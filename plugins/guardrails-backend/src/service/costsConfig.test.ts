import { ConfigReader } from '@backstage/config';
import { readCostsConfig } from './costsConfig';

const read = (costs?: object) =>
  readCostsConfig(
    new ConfigReader(costs === undefined ? {} : { guardrails: { costs } }),
    ['dev', 'prod'],
  );

describe('readCostsConfig', () => {
  it('defaults to USD without prices, budgets or recipients', () => {
    expect(read()).toEqual({
      currency: 'USD',
      prices: new Map(),
      budgets: new Map(),
      recipients: [],
    });
  });

  it('reads prices per environment, budgets per cost centre and recipients', () => {
    const config = read({
      currency: 'EUR',
      prices: {
        prod: { cpu: 25, memoryGiB: 3.5 },
        dev: { cpu: 0, memoryGiB: 0 },
      },
      budgets: { 'cc-1234': 1000, payments: '250.5' },
      recipients: ['group:default/Platform'],
    });
    expect(config).toEqual({
      currency: 'EUR',
      prices: new Map([
        ['prod', { cpu: 25, memoryGiB: 3.5 }],
        ['dev', { cpu: 0, memoryGiB: 0 }],
      ]),
      budgets: new Map([
        ['cc-1234', 1000],
        ['payments', 250.5],
      ]),
      recipients: ['group:default/platform'],
    });
  });

  it.each([
    [{ currency: 'dollars' }, 'guardrails.costs.currency'],
    [{ currency: 12 }, 'guardrails.costs.currency'],
    [
      { prices: { prod: { cpu: -1, memoryGiB: 1 } } },
      'guardrails.costs.prices.prod.cpu',
    ],
    [
      { prices: { prod: { cpu: 1, memoryGiB: 'lots' } } },
      'guardrails.costs.prices.prod.memoryGiB',
    ],
    [
      { prices: { prod: { cpu: 1 } } },
      'guardrails.costs.prices.prod.memoryGiB',
    ],
    [{ prices: { prod: 5 } }, 'guardrails.costs.prices.prod'],
    [
      { prices: { staging: { cpu: 1, memoryGiB: 1 } } },
      'guardrails.costs.prices.staging',
    ],
    [{ budgets: { payments: 0 } }, 'guardrails.costs.budgets.payments'],
    [{ budgets: { payments: -5 } }, 'guardrails.costs.budgets.payments'],
    [{ budgets: { payments: '' } }, 'guardrails.costs.budgets.payments'],
    [{ recipients: ['platform team'] }, 'guardrails.costs.recipients[0]'],
    [{ recipients: 'group:default/platform' }, 'guardrails.costs.recipients'],
  ])('refuses %j naming %s', (costs, key) => {
    expect(() => read(costs)).toThrow(key);
  });
});
