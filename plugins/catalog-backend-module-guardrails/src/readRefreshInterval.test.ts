import { mockServices } from '@backstage/backend-test-utils';
import { readRefreshIntervalSeconds } from './readRefreshInterval';

const read = (catalog?: object) =>
  readRefreshIntervalSeconds(
    mockServices.rootConfig({
      data: catalog ? { guardrails: { catalog } } : {},
    }),
  );

describe('readRefreshIntervalSeconds', () => {
  it('revalidates every second by default, and takes a configured interval', () => {
    expect(read()).toBe(1);
    expect(read({ refreshIntervalSeconds: 0 })).toBe(0);
    expect(read({ refreshIntervalSeconds: 30 })).toBe(30);
  });

  it('refuses a negative or absurd interval, naming the key', () => {
    expect(() => read({ refreshIntervalSeconds: -1 })).toThrow(
      'guardrails.catalog.refreshIntervalSeconds',
    );
    expect(() => read({ refreshIntervalSeconds: 1e9 })).toThrow(
      'guardrails.catalog.refreshIntervalSeconds',
    );
    expect(() => read({ refreshIntervalSeconds: 'soon' })).toThrow(
      'guardrails.catalog.refreshIntervalSeconds',
    );
  });
});
