/*
 * Go's formatting of doubles, digit for digit: %g (CEL's string(double)),
 * and %.Nf / %.Ne with exact round-half-even on the binary value.
 */

const TWO_52 = 2n ** 52n;

/** The double as mantissa * 2^exponent, exactly. */
function exact(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & (TWO_52 - 1n);
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | TWO_52, exponent: biased - 1075 };
}

/** round(|x| * 10^scale), ties to even, as an integer. */
function scaledInteger(x: number, scale: number): bigint {
  const { mantissa, exponent } = exact(x);
  let numerator = mantissa;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else denominator *= 10n ** BigInt(-scale);
  const quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) {
    return quotient + 1n;
  }
  return quotient;
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return undefined;
}

const sign = (x: number) => (x < 0 || Object.is(x, -0) ? '-' : '');

/** Go's strconv 'f' with `precision` digits: integer part and fraction digits. */
export function fixedParts(
  x: number,
  precision: number,
): [string, string, string] {
  const digits = scaledInteger(x, precision)
    .toString()
    .padStart(precision + 1, '0');
  const cut = digits.length - precision;
  return [sign(x), digits.slice(0, cut), digits.slice(cut)];
}

/** Go's %.Nf. */
export function formatFixed(x: number, precision: number): string {
  const specialText = special(x);
  if (specialText) return specialText;
  const [s, whole, fraction] = fixedParts(x, precision);
  return `${s}${whole}${precision > 0 ? `.${fraction}` : ''}`;
}

/** Go's %.Ne parts: sign, mantissa digits (1 + precision) and the decimal exponent. */
export function scientificParts(
  x: number,
  precision: number,
): [string, string, number] {
  if (x === 0) return [sign(x), '0'.repeat(precision + 1), 0];
  let exponent = Math.floor(Math.log10(Math.abs(x)));
  for (;;) {
    const digits = scaledInteger(x, precision - exponent).toString();
    if (digits.length > precision + 1) exponent++;
    else if (digits.length < precision + 1) exponent--;
    else return [sign(x), digits, exponent];
  }
}

/** Go's %g (shortest digits; exponent form below 1e-4 and from 1e6 up). */
export function formatG(x: number): string {
  const specialText = special(x);
  if (specialText) return specialText;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exp] = x.toExponential().split('e');
  const exponent = Number(exp);
  const digits = mantissa.replace(/[-.]/g, '');
  if (exponent < -4 || exponent >= 6) {
    const sign2 = exponent < 0 ? '-' : '+';
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign(x)}${m}e${sign2}${magnitude}`;
  }
  return String(x);
}
