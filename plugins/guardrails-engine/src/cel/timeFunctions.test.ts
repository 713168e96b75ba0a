import { celError, celValue } from './celTestUtils';

describe('timestamps and durations', () => {
  it.each([
    ["string(timestamp('2009-02-13T23:31:30Z'))", '2009-02-13T23:31:30Z'],
    [
      "string(timestamp('2009-02-13T23:31:30.120Z'))",
      '2009-02-13T23:31:30.12Z',
    ],
    ["string(duration('1h2m3s4ms'))", '3723.004s'],
    ["string(duration('-1.5s'))", '-1.5s'],
    ["int(timestamp('2009-02-13T23:31:30Z'))", 1234567890n],
    ["duration('0') == duration('0s')", true],
    ["duration('1.5h') == duration('90m')", true],
    ["duration(duration('5s')) == duration('5s')", true],
    [
      "timestamp(timestamp('2009-02-13T23:31:30Z')) == timestamp('2009-02-13T23:31:30Z')",
      true,
    ],
    // Time zones as offsets, with or without a sign, and as IANA names.
    ["timestamp('2009-02-13T23:31:30Z').getHours('02:00')", 1n],
    ["timestamp('2009-02-13T23:31:30Z').getHours('-09:30')", 14n],
    ["timestamp('2009-02-13T23:31:30Z').getMinutes('-09:30')", 1n],
    ["timestamp('2009-02-13T23:31:30Z').getDayOfMonth('+11:00')", 13n],
    ["timestamp('2009-02-13T23:31:30Z').getDayOfYear('+11:00')", 44n],
    ["timestamp('2009-02-13T23:31:30Z').getHours('America/New_York')", 18n],
    ["timestamp('2009-12-31T23:00:00Z').getFullYear('Asia/Tokyo')", 2010n],
  ])('%s', (expression, expected) => {
    expect(celValue(expression)).toEqual(expected);
  });

  it.each([
    ["duration('1d')", /invalid duration/],
    ["duration('320000000000s')", /invalid duration/],
    [
      "duration('200000000000s') + duration('200000000000s')",
      /invalid duration/,
    ],
    ["timestamp('9999-12-31T23:59:59Z') + duration('1s')", /out of range/],
    ["timestamp('0001-01-01T00:00:00Z') - duration('1s')", /out of range/],
    [
      "timestamp('2009-02-13T23:31:30Z').getHours('Mars/Olympus')",
      /invalid time zone/,
    ],
    [
      "timestamp('2009-02-13T23:31:30Z').getHours('02:61')",
      /invalid time zone/,
    ],
  ])('%s fails', (expression, message) => {
    expect(celError(expression)).toMatch(message);
  });
});
