import { celError, celValue } from './celTestUtils';

describe('int64 and uint64 limits', () => {
  it.each([
    '-(-9223372036854775808)',
    '(-9223372036854775808) / -1',
    '9223372036854775807 + 1',
    'int(9223372036854775807.0)',
    'int(-9223372036854775808.0)',
    'int(1e99)',
    'int(18446744073709551615u)',
    'uint(-1.0)',
    'uint(18446744073709551616.0)',
  ])('%s fails', expression => {
    expect(celError(expression)).toMatch(/overflow|range/);
  });

  it.each([
    ['-(-9223372036854775807)', 9223372036854775807n],
    ['int(9223372036854775807u)', 9223372036854775807n],
    ['int(42u)', 42n],
    ['int(-9223372036854774784.0)', -9223372036854774784n],
    ['(-9223372036854775808) / 2', -4611686018427387904n],
  ])('%s', (expression, expected) => {
    expect(celValue(expression)).toBe(expected);
  });
});
