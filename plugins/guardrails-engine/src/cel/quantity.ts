/*
 * Exact decimal Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity).
 *
 * The value is held as a BigInt count of nano-units: Kubernetes' parser keeps a
 * quantity only down to nano precision (rounding a finer non-zero value away
 * from zero), so every parsed quantity, and every sum or difference of them, is
 * an exact integer number of nanos. Nothing here ever goes through a float.
 */

import {
  BINARY_SUFFIX_BY_POWER,
  DECIMAL_SUFFIX_BY_EXPONENT,
  FORMAT_ERROR,
  interpretSuffix,
  MAX_DECIMAL_EXPONENT,
  parseError,
  QuantityFormat,
  scan,
} from './quantityText';

export type { QuantityFormat } from './quantityText';

const NANOS_PER_UNIT = 1_000_000_000n;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
// Kubernetes silently caps a binary-SI quantity at 2^63-1 when parsing.
const BINARY_SI_MAX_NANOS = INT64_MAX * NANOS_PER_UNIT;

function pow10(exp: number): bigint {
  return 10n ** BigInt(exp);
}

/** Divides non-negative n by d, rounding any remainder up (away from zero). */
function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : q + 1n;
}

/** Magnitude of digits * 10^exp10 * 2^exp2, in nanos, rounded up to the next nano. */
function toNanos(digits: bigint, exp10: number, exp2: number): bigint {
  if (digits === 0n) return 0n;
  const scaled = digits << BigInt(exp2);
  const shift = exp10 + 9;
  if (shift >= 0) return scaled * pow10(shift);
  // Any non-zero value smaller than one nano becomes exactly one nano; no need
  // to build 10^shift for absurdly small exponents.
  if (-shift > scaled.toString().length) return 1n;
  return ceilDiv(scaled, pow10(-shift));
}

function removeFactors(value: bigint, factor: bigint, max = Infinity) {
  let v = value;
  let times = 0;
  while (v !== 0n && times < max && v % factor === 0n) {
    v /= factor;
    times++;
  }
  return { value: v, times };
}

function compareBigInt(a: bigint, b: bigint): -1 | 0 | 1 {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * A Kubernetes resource quantity with exact decimal arithmetic.
 *
 * Parsing, comparison, addition and canonical formatting follow
 * k8s.io/apimachinery's resource.Quantity: `1.5Gi`, `500m`, `1e3` and `0.1`
 * are all exact; a value finer than a nano is rounded up to the next nano.
 * @public
 */
export class Quantity {
  /** The CEL type name Kubernetes gives quantities. */
  static readonly celTypeName = 'kubernetes.Quantity';
  readonly #nanos: bigint;
  readonly #format: QuantityFormat;
  #canonical: string | undefined;

  private constructor(nanos: bigint, format: QuantityFormat) {
    this.#nanos = nanos;
    this.#format = format;
  }

  /** Parses a quantity string such as `250m`, `1.5Gi` or `1e3`; throws with the reason on bad input. */
  static parse(text: string): Quantity {
    if (typeof text !== 'string' || text.length === 0) {
      throw parseError(String(text), FORMAT_ERROR);
    }
    if (text === '0') return new Quantity(0n, 'DecimalSI');
    const { positive, num, denom, suffix } = scan(text);
    const { base, exponent, format } = interpretSuffix(text, suffix);
    const digits = BigInt(num + denom);
    let nanos =
      base === 10
        ? toNanos(digits, exponent - denom.length, 0)
        : toNanos(digits, -denom.length, exponent);
    let effectiveFormat = format;
    if (format === 'BinarySI') {
      if (nanos > BINARY_SI_MAX_NANOS) nanos = BINARY_SI_MAX_NANOS;
      // Kubernetes shows tiny binary quantities in decimal to avoid rounding.
      if (nanos > 0n && nanos < NANOS_PER_UNIT) effectiveFormat = 'DecimalSI';
    }
    return new Quantity(positive ? nanos : -nanos, effectiveFormat);
  }

  /** An integer quantity, formatted as Kubernetes formats `resource.NewQuantity(n, format)`. */
  static fromInteger(
    value: bigint | number,
    format: QuantityFormat = 'DecimalExponent',
  ): Quantity {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new Error(`quantity value ${value} is not a safe integer`);
    }
    return new Quantity(BigInt(value) * NANOS_PER_UNIT, format);
  }

  /** mantissa * 10^exponent, rounded up to a whole nano like a parsed value (apimachinery's NewScaledQuantity). */
  static fromScaled(
    mantissa: bigint,
    exponent: number,
    format: QuantityFormat = 'DecimalSI',
  ): Quantity {
    if (!Number.isSafeInteger(exponent) || exponent > MAX_DECIMAL_EXPONENT) {
      throw new Error(`quantity exponent ${exponent} is out of range`);
    }
    const magnitude = toNanos(
      mantissa < 0n ? -mantissa : mantissa,
      exponent,
      0,
    );
    return new Quantity(mantissa < 0n ? -magnitude : magnitude, format);
  }

  /** The format this quantity was parsed with; it decides the suffix family used by toString(). */
  get format(): QuantityFormat {
    return this.#format;
  }

  /** -1, 0 or 1 as this quantity is less than, equal to or greater than `other`. */
  compareTo(other: Quantity): -1 | 0 | 1 {
    return compareBigInt(this.#nanos, other.#nanos);
  }

  equals(other: Quantity): boolean {
    return this.#nanos === other.#nanos;
  }

  isLessThan(other: Quantity): boolean {
    return this.#nanos < other.#nanos;
  }

  isGreaterThan(other: Quantity): boolean {
    return this.#nanos > other.#nanos;
  }

  /** Sum; an integer operand counts as a plain number (Kubernetes' DecimalExponent). */
  add(other: Quantity | bigint): Quantity {
    const y = other instanceof Quantity ? other : Quantity.fromInteger(other);
    return new Quantity(this.#nanos + y.#nanos, this.#resultFormat(y));
  }

  sub(other: Quantity | bigint): Quantity {
    const y = other instanceof Quantity ? other : Quantity.fromInteger(other);
    return new Quantity(this.#nanos - y.#nanos, this.#resultFormat(y));
  }

  mul(factor: bigint): Quantity {
    return new Quantity(this.#nanos * factor, this.#format);
  }

  /**
   * Quotient rounded to `decimals` decimal places, halves away from zero
   * (Kubernetes' Quantity.QuoRound; div() rounds to 4 places). Nanos are the
   * finest resolution, so more than 9 places round to nanos.
   */
  div(divisor: bigint, decimals = 4): Quantity {
    const unit = 10n ** BigInt(9 - Math.min(9, decimals));
    const denominator = divisor * unit;
    const negative = this.#nanos < 0n !== denominator < 0n;
    const n = this.#nanos < 0n ? -this.#nanos : this.#nanos;
    const d = denominator < 0n ? -denominator : denominator;
    let quotient = n / d;
    if ((n % d) * 2n >= d) quotient += 1n;
    return new Quantity((negative ? -quotient : quotient) * unit, this.#format);
  }

  /** Whole-number quotient, truncated toward zero (Kubernetes' QuoIntegerDivision). */
  divInt(divisor: bigint): Quantity {
    const whole = this.#nanos / divisor / NANOS_PER_UNIT;
    return new Quantity(whole * NANOS_PER_UNIT, this.#format);
  }

  neg(): Quantity {
    return new Quantity(-this.#nanos, this.#format);
  }

  sign(): -1 | 0 | 1 {
    return compareBigInt(this.#nanos, 0n);
  }

  isZero(): boolean {
    return this.#nanos === 0n;
  }

  /** True when the value is a whole number that fits a 64-bit signed integer. */
  isInteger(): boolean {
    if (this.#nanos % NANOS_PER_UNIT !== 0n) return false;
    const value = this.#nanos / NANOS_PER_UNIT;
    return value >= INT64_MIN && value <= INT64_MAX;
  }

  /** The value as a 64-bit integer; throws when it has a fraction or does not fit. */
  asInteger(): bigint {
    if (!this.isInteger()) {
      throw new Error(
        `cannot convert value to integer: ${this.toString()} is not a whole number within int64`,
      );
    }
    return this.#nanos / NANOS_PER_UNIT;
  }

  /** Nearest double; may lose precision, and is +/-Infinity beyond the double range. */
  asApproximateFloat(): number {
    return Number(this.toDecimalString());
  }

  /** Plain decimal notation of the exact value, e.g. `1610612736` or `-0.000000005`. */
  toDecimalString(): string {
    const negative = this.#nanos < 0n;
    const magnitude = negative ? -this.#nanos : this.#nanos;
    const whole = magnitude / NANOS_PER_UNIT;
    const fraction = (magnitude % NANOS_PER_UNIT)
      .toString()
      .padStart(9, '0')
      .replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }

  /** Kubernetes' canonical form: `1536Mi` for 1.5Gi, `1500m` for 1.5, `1e3` for a 1e3 input. */
  toString(): string {
    this.#canonical ??= this.#canonicalize();
    return this.#canonical;
  }

  toJSON(): string {
    return this.toString();
  }

  #resultFormat(other: Quantity): QuantityFormat {
    return this.#nanos === 0n ? other.#format : this.#format;
  }

  #canonicalize(): string {
    if (this.#nanos === 0n) return '0';
    if (this.#format === 'BinarySI') {
      const binary = this.#binaryCanonical();
      if (binary !== undefined) return binary;
    }
    const { value, times } = removeFactors(this.#nanos, 10n);
    let mantissa = value;
    let exponent = times - 9;
    // Exponents are multiples of three so that SI suffixes apply.
    while (exponent % 3 !== 0) {
      mantissa *= 10n;
      exponent--;
    }
    if (this.#format !== 'DecimalExponent') {
      const suffix = DECIMAL_SUFFIX_BY_EXPONENT.get(exponent);
      if (suffix !== undefined) return `${mantissa}${suffix}`;
    }
    return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  }

  /** Binary form when it is exact and at least 1024 in magnitude; otherwise decimal is used. */
  #binaryCanonical(): string | undefined {
    const limit = 1024n * NANOS_PER_UNIT;
    if (this.#nanos > -limit && this.#nanos < limit) return undefined;
    if (this.#nanos % NANOS_PER_UNIT !== 0n) return undefined;
    const { value, times } = removeFactors(
      this.#nanos / NANOS_PER_UNIT,
      1024n,
      BINARY_SUFFIX_BY_POWER.length - 1,
    );
    return `${value}${BINARY_SUFFIX_BY_POWER[times]}`;
  }
}

/** Parses a Kubernetes quantity string; throws an Error naming the input and the reason. @public */
export function parseQuantity(text: string): Quantity {
  return Quantity.parse(text);
}
