/*
 * The text form of Kubernetes quantities: the scanner and suffixes of
 * k8s.io/apimachinery's resource.Quantity, for parsing and for canonical output.
 */

/** The three serialisation styles of a quantity; a parsed quantity remembers its own. @public */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

// Kubernetes accepts any int32 exponent; a bound keeps "1e999999999" from
// allocating a gigantic BigInt. (Tiny values need no bound: they round to 1n.)
export const MAX_DECIMAL_EXPONENT = 10_000;
const SUFFIX_CHARS = 'eEinumkKMGTP';

export const FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIX_ERROR = "unable to parse quantity's suffix";

const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};
const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
export const DECIMAL_SUFFIX_BY_EXPONENT = new Map<number, string>(
  Object.entries(DECIMAL_SUFFIXES).map(([suffix, exp]) => [exp, suffix]),
);
export const BINARY_SUFFIX_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

interface ScannedQuantity {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

export function parseError(text: string, reason: string): Error {
  return new Error(`invalid quantity "${text}": ${reason}`);
}

/** Splits a quantity into sign, integer digits, fraction digits and suffix, as Kubernetes' scanner does. */
export function scan(str: string): ScannedQuantity {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };

  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  const num = str.slice(pos, i) || '0';
  if (i >= end) return { positive, num, denom: '', suffix: '' };
  pos = i;

  let denom = '';
  if (str[pos] === '.') {
    pos++;
    let j = pos;
    while (j < end && isDigit(str[j])) j++;
    denom = str.slice(pos, j);
    if (j >= end) return { positive, num, denom, suffix: '' };
    pos = j;
  }

  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw parseError(str, FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

export function interpretSuffix(text: string, suffix: string): Suffix {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined) {
    return { base: 10, exponent: decimal, format: 'DecimalSI' };
  }
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) {
    return { base: 2, exponent: binary, format: 'BinarySI' };
  }
  if (
    suffix.length > 1 &&
    (suffix[0] === 'e' || suffix[0] === 'E') &&
    /^[+-]?\d+$/.test(suffix.slice(1))
  ) {
    const exponent = Number(suffix.slice(1));
    if (exponent > MAX_DECIMAL_EXPONENT) {
      throw parseError(
        text,
        `exponent ${suffix.slice(
          1,
        )} is out of range (at most ${MAX_DECIMAL_EXPONENT})`,
      );
    }
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw parseError(text, SUFFIX_ERROR);
}
