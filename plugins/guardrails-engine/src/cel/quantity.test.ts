import { Quantity, QuantityFormat, parseQuantity } from './index';

// Cases ported from k8s.io/apimachinery pkg/api/resource/quantity_test.go
// (TestQuantityParse, TestQuantityCmp, TestQuantityString,
// TestQuantityParseEmit and the add/sub suffix tests).

const DSI: QuantityFormat = 'DecimalSI';
const BSI: QuantityFormat = 'BinarySI';
const DEX: QuantityFormat = 'DecimalExponent';
const MAX_ALLOWED = '9223372036854775807';

/** Plain decimal notation of mantissa * 10^exponent (the test's own arithmetic, independent of Quantity). */
function decimal(mantissa: bigint, exponent: number): string {
  const negative = mantissa < 0n;
  let digits = (negative ? -mantissa : mantissa).toString();
  let text: string;
  if (exponent >= 0) {
    text = mantissa === 0n ? '0' : digits + '0'.repeat(exponent);
  } else {
    digits = digits.padStart(-exponent + 1, '0');
    text = `${digits.slice(0, exponent)}.${digits.slice(exponent)}`.replace(
      /\.?0+$/,
      '',
    );
  }
  return negative && text !== '0' ? `-${text}` : text;
}

type ParseCase = [
  input: string,
  mantissa: bigint,
  exponent: number,
  format: QuantityFormat,
];

const parseTable: ParseCase[] = [
  ['0', 0n, 0, DSI],
  ['0n', 0n, 0, DSI],
  ['0u', 0n, 0, DSI],
  ['0m', 0n, 0, DSI],
  ['0Ki', 0n, 0, BSI],
  ['0k', 0n, 0, DSI],
  ['0Mi', 0n, 0, BSI],
  ['0M', 0n, 0, DSI],
  ['0Gi', 0n, 0, BSI],
  ['0G', 0n, 0, DSI],
  ['0Ti', 0n, 0, BSI],
  ['0T', 0n, 0, DSI],
  // Quantity-less numbers are allowed
  ['1', 1n, 0, DSI],
  // Binary suffixes
  ['1Ki', 1024n, 0, BSI],
  ['8Ki', 8n * 1024n, 0, BSI],
  ['7Mi', 7n * 1024n ** 2n, 0, BSI],
  ['6Gi', 6n * 1024n ** 3n, 0, BSI],
  ['5Ti', 5n * 1024n ** 4n, 0, BSI],
  ['4Pi', 4n * 1024n ** 5n, 0, BSI],
  ['3Ei', 3n * 1024n ** 6n, 0, BSI],
  ['10Ti', 10n * 1024n ** 4n, 0, BSI],
  ['100Ti', 100n * 1024n ** 4n, 0, BSI],
  // Decimal suffixes
  ['5n', 5n, -9, DSI],
  ['4u', 4n, -6, DSI],
  ['3m', 3n, -3, DSI],
  ['9', 9n, 0, DSI],
  ['8k', 8n, 3, DSI],
  ['50k', 5n, 4, DSI],
  ['7M', 7n, 6, DSI],
  ['6G', 6n, 9, DSI],
  ['5T', 5n, 12, DSI],
  ['40T', 4n, 13, DSI],
  ['300T', 3n, 14, DSI],
  ['2P', 2n, 15, DSI],
  ['1E', 1n, 18, DSI],
  // Decimal exponents
  ['1E-3', 1n, -3, DEX],
  ['1e3', 1n, 3, DEX],
  ['1E6', 1n, 6, DEX],
  ['1e9', 1n, 9, DEX],
  ['1E12', 1n, 12, DEX],
  ['1e15', 1n, 15, DEX],
  ['1E18', 1n, 18, DEX],
  // Nonstandard but still parsable
  ['1e14', 1n, 14, DEX],
  ['1e13', 1n, 13, DEX],
  ['100.035k', 100035n, 0, DSI],
  // Things that look like floating point
  ['0.001', 1n, -3, DSI],
  ['0.0005k', 5n, -1, DSI],
  ['0.005', 5n, -3, DSI],
  ['0.05', 5n, -2, DSI],
  ['0.5', 5n, -1, DSI],
  ['0.00050k', 5n, -1, DSI],
  ['0.00500', 5n, -3, DSI],
  ['0.05000', 5n, -2, DSI],
  ['0.50000', 5n, -1, DSI],
  ['0.5e0', 5n, -1, DEX],
  ['0.5e-1', 5n, -2, DEX],
  ['0.5e-2', 5n, -3, DEX],
  ['10.035M', 10035n, 3, DSI],
  ['1.2e3', 12n, 2, DEX],
  ['1.3E+6', 13n, 5, DEX],
  ['1.40e9', 14n, 8, DEX],
  ['1.53E12', 153n, 10, DEX],
  ['1.6e15', 16n, 14, DEX],
  ['1.7E18', 17n, 17, DEX],
  ['9.01', 901n, -2, DSI],
  ['8.1k', 81n, 2, DSI],
  ['7.123456M', 7123456n, 0, DSI],
  ['6.987654321G', 6987654321n, 0, DSI],
  ['5.444T', 5444n, 9, DSI],
  ['40.1T', 401n, 11, DSI],
  ['300.2T', 3002n, 11, DSI],
  ['2.5P', 25n, 14, DSI],
  ['1.01E', 101n, 16, DSI],
  // Things that saturate/round
  ['3.001n', 4n, -9, DSI],
  ['1.1E-9', 2n, -9, DEX],
  ['0.0000000001', 1n, -9, DSI],
  ['0.0000000005', 1n, -9, DSI],
  ['0.00000000050', 1n, -9, DSI],
  ['0.5e-9', 1n, -9, DEX],
  ['0.9n', 1n, -9, DSI],
  ['0.00000012345', 124n, -9, DSI],
  ['0.00000012354', 124n, -9, DSI],
  ['9Ei', BigInt(MAX_ALLOWED), 0, BSI],
  ['9223372036854775807Ki', BigInt(MAX_ALLOWED), 0, BSI],
  ['12E', 12n, 18, DSI],
  // Fractional binary quantities
  ['100.035Ki', 10243584n, -2, BSI],
  ['0.5Mi', 524288n, 0, BSI],
  ['0.05Gi', 536870912n, -1, BSI],
  ['0.025Ti', 274877906944n, -1, BSI],
  // Things written by trolls
  ['0.000000000001Ki', 2n, -9, DSI],
  ['.001', 1n, -3, DSI],
  ['.0001k', 100n, -3, DSI],
  ['1.', 1n, 0, DSI],
  ['1.G', 1n, 9, DSI],
];

describe('parseQuantity (Kubernetes TestQuantityParse)', () => {
  it.each(parseTable)('%s', (input, mantissa, exponent, format) => {
    const q = parseQuantity(input);
    expect(q.toDecimalString()).toBe(decimal(mantissa, exponent));
    expect(q.format).toBe(format);
  });

  it.each(parseTable)(
    '-%s is the negation',
    (input, mantissa, exponent, format) => {
      const q = parseQuantity(`-${input}`);
      expect(q.toDecimalString()).toBe(decimal(-mantissa, exponent));
      expect(q.format).toBe(format);
    },
  );

  it.each(parseTable)(
    '+%s is the same value',
    (input, mantissa, exponent, format) => {
      const q = parseQuantity(`+${input}`);
      expect(q.toDecimalString()).toBe(decimal(mantissa, exponent));
      expect(q.format).toBe(format);
    },
  );

  it.each([
    '',
    '1.1.M',
    '1+1.0M',
    '0.1mi',
    '0.1am',
    'aoeu',
    '.5i',
    '1i',
    '-3.01i',
    '-3.01e-',
    // trailing or leading whitespace is forbidden
    ' 1',
    '1 ',
    // from the Kubernetes CEL quantity library docs and tests
    '10Mo',
    '10Mm',
    '200K',
    'Three',
    '1,3G',
  ])('rejects %j', input => {
    expect(() => parseQuantity(input)).toThrow(/invalid quantity/);
  });

  it('names the input and the reason', () => {
    expect(() => parseQuantity('10Mo')).toThrow(
      'invalid quantity "10Mo": quantities must match the regular expression',
    );
    expect(() => parseQuantity('10Mm')).toThrow(
      `invalid quantity "10Mm": unable to parse quantity's suffix`,
    );
  });

  it('rejects an absurd exponent instead of allocating it', () => {
    expect(() => parseQuantity('1e99999999')).toThrow(/out of range/);
    expect(parseQuantity('1e-99999999').toDecimalString()).toBe('0.000000001');
  });
});

describe('Quantity.compareTo (Kubernetes TestQuantityCmp)', () => {
  it.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
    ['200M', '0.2G', 0],
    ['50M', '50Mi', -1],
    ['50Mi', '50M', 1],
    ['1.5Gi', '1536Mi', 0],
    ['500m', '0.5', 0],
    ['1e3', '1k', 0],
  ])('%s vs %s is %d', (x, y, expected) => {
    const a = parseQuantity(x);
    const b = parseQuantity(y);
    expect(a.compareTo(b)).toBe(expected);
    expect(b.compareTo(a)).toBe(expected === 0 ? 0 : -expected);
    expect(a.equals(b)).toBe(expected === 0);
    expect(a.isLessThan(b)).toBe(expected < 0);
    expect(a.isGreaterThan(b)).toBe(expected > 0);
  });
});

describe('Quantity.toString (Kubernetes TestQuantityString)', () => {
  const table: Array<[bigint, number, QuantityFormat, string, string]> = [
    [1024n * 1024n * 1024n, 0, BSI, '1Gi', '1024Mi'],
    [300n * 1024n * 1024n, 0, BSI, '300Mi', '307200Ki'],
    [6n * 1024n, 0, BSI, '6Ki', ''],
    [1001n * 1024n * 1024n * 1024n, 0, BSI, '1001Gi', '1025024Mi'],
    [1024n * 1024n * 1024n * 1024n, 0, BSI, '1Ti', '1024Gi'],
    [5n, 0, BSI, '5', '5000m'],
    [500n, -3, BSI, '500m', '0.5'],
    [1n, 9, DSI, '1G', '1000M'],
    [1000n, 6, DSI, '1G', '0.001T'],
    [1000000n, 3, DSI, '1G', ''],
    [1000000000n, 0, DSI, '1G', ''],
    [1n, -3, DSI, '1m', '1000u'],
    [80n, -3, DSI, '80m', ''],
    [1080n, -3, DSI, '1080m', '1.08'],
    [108n, -2, DSI, '1080m', '1080000000n'],
    [10800n, -4, DSI, '1080m', ''],
    [300n, 6, DSI, '300M', ''],
    [1n, 12, DSI, '1T', ''],
    [1n, 18, DSI, '1E', ''],
    [1n, 21, DSI, '1e21', '1000E'],
    [5n, 21, DSI, '5e21', '5000E'],
    [1n, 24, DSI, '1e24', '1000000E'],
    [1234567n, 6, DSI, '1234567M', ''],
    [1234567n, -3, BSI, '1234567m', ''],
    [3n, 3, DSI, '3k', ''],
    [1025n, 0, BSI, '1025', ''],
    [0n, 0, DSI, '0', ''],
    [0n, 0, BSI, '0', ''],
    [1n, 9, DEX, '1e9', '.001e12'],
    [1n, -3, DEX, '1e-3', '0.001e0'],
    [1n, -9, DEX, '1e-9', '1000e-12'],
    [80n, -3, DEX, '80e-3', ''],
    [300n, 6, DEX, '300e6', ''],
    [1n, 12, DEX, '1e12', ''],
    [1n, 3, DEX, '1e3', ''],
    [3n, 3, DEX, '3e3', ''],
    [0n, 0, DEX, '0', '00'],
    [1n, -9, DSI, '1n', ''],
    [80n, -9, DSI, '80n', ''],
    [1080n, -9, DSI, '1080n', ''],
    [108n, -8, DSI, '1080n', ''],
    [10800n, -10, DSI, '1080n', ''],
    [1n, -6, DSI, '1u', ''],
    [80n, -6, DSI, '80u', ''],
    [1080n, -6, DSI, '1080u', ''],
  ];

  it.each(table)(
    '%s*10^%s (%s) is %s',
    (mantissa, exponent, format, expected) => {
      expect(Quantity.fromScaled(mantissa, exponent, format).toString()).toBe(
        expected,
      );
      // The canonical form parses back to itself.
      expect(parseQuantity(expected).toString()).toBe(expected);
    },
  );

  it.each(table.filter(([, , , , alternate]) => alternate !== ''))(
    '%s*10^%s (%s): %s is also the canonical form of %s',
    (_m, _e, _f, expected, alternate) => {
      expect(parseQuantity(alternate).toString()).toBe(expected);
    },
  );

  it.each(table.filter(([mantissa]) => mantissa !== 0n))(
    '-%s*10^%s (%s) is -%s',
    (mantissa, exponent, format, expected) => {
      expect(Quantity.fromScaled(-mantissa, exponent, format).toString()).toBe(
        `-${expected}`,
      );
    },
  );
});

describe('canonical form after parsing (Kubernetes TestQuantityParseEmit)', () => {
  it.each([
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['1.5Gi', '1536Mi'],
    ['1.5', '1500m'],
  ])('%s is written %s', (input, expected) => {
    expect(parseQuantity(input).toString()).toBe(expected);
    expect(parseQuantity(`-${input}`).toString()).toBe(`-${expected}`);
    expect(JSON.stringify(parseQuantity(input))).toBe(`"${expected}"`);
  });
});

describe('Quantity arithmetic', () => {
  it.each(['100m', '1Gi'])(
    'adding or subtracting zero keeps the suffix of %s',
    text => {
      const value = parseQuantity(text);
      const zero = parseQuantity('0');
      expect(value.add(zero).toString()).toBe(text);
      expect(zero.add(value).toString()).toBe(text);
      expect(value.sub(zero).toString()).toBe(text);
      expect(zero.sub(value).toString()).toBe(`-${text}`);
    },
  );

  it('is exact for values a float cannot hold', () => {
    const tenth = parseQuantity('0.1');
    const sum = tenth.add(tenth).add(tenth);
    expect(sum.equals(parseQuantity('0.3'))).toBe(true);
    expect(sum.toString()).toBe('300m');
    expect(parseQuantity('1.5Gi').sub(parseQuantity('512Mi')).toString()).toBe(
      '1Gi',
    );
  });

  it('adds integers as plain numbers', () => {
    expect(parseQuantity('50k').add(20n).toDecimalString()).toBe('50020');
    expect(parseQuantity('50k').sub(20000n).toString()).toBe('30k');
    expect(parseQuantity('50k').mul(2n).toDecimalString()).toBe('100000');
  });

  it('converts to integers only when whole and within int64', () => {
    expect(parseQuantity('50k').asInteger()).toBe(50000n);
    expect(parseQuantity('1.5Gi').asInteger()).toBe(1610612736n);
    expect(parseQuantity('1000m').isInteger()).toBe(true);
    expect(parseQuantity('1500m').isInteger()).toBe(false);
    expect(() => parseQuantity('1500m').asInteger()).toThrow(
      /cannot convert value to integer/,
    );
    expect(
      parseQuantity('9999999999999999999999999999999999999G').isInteger(),
    ).toBe(false);
    expect(() =>
      parseQuantity('9999999999999999999999999999999999999G').asInteger(),
    ).toThrow(/cannot convert value to integer/);
    expect(parseQuantity('8E').isInteger()).toBe(true);
    expect(parseQuantity('10E').isInteger()).toBe(false);
  });

  it('gives sign and approximate floats', () => {
    expect(parseQuantity('-1m').sign()).toBe(-1);
    expect(parseQuantity('0Gi').sign()).toBe(0);
    expect(parseQuantity('3u').sign()).toBe(1);
    expect(parseQuantity('50.703k').asApproximateFloat()).toBe(50703);
    expect(parseQuantity('250m').asApproximateFloat()).toBe(0.25);
  });

  it('builds integer quantities in a given format', () => {
    expect(Quantity.fromInteger(1024n, 'BinarySI').toString()).toBe('1Ki');
    expect(Quantity.fromInteger(1000, 'DecimalSI').toString()).toBe('1k');
    expect(Quantity.fromInteger(1000000).toString()).toBe('1e6');
  });
});
