/*
 * int64 and uint64 range checks, as cel-go makes them.
 */
import { EvaluationError } from '@marcbachmann/cel-js';

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;
const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

/** `value` if it fits in an int64, else an overflow error. */
export function checkInt(value: bigint): bigint {
  if (value > INT64_MAX || value < INT64_MIN) {
    throw new EvaluationError(`integer overflow: ${value}`);
  }
  return value;
}

/** int(double) accepts -2^63 < value < 2^63 (cel-go compares in doubles). */
export function checkDoubleToInt(value: number): void {
  if (!(value > -TWO_63 && value < TWO_63)) {
    throw new EvaluationError(
      'int() range error: the double is out of the int64 range',
    );
  }
}

/** uint(double) accepts 0 <= value < 2^64. */
export function checkDoubleToUint(value: number): void {
  if (!(value > -1 && value < TWO_64)) {
    throw new EvaluationError(
      'uint() range error: the double is out of the uint64 range',
    );
  }
}
