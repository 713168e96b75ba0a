import { Environment } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { checkInt } from '../numbers';
import { formatDuration, formatTimestamp } from '../time';

const SYNC = { async: false };
const TS = 'google.protobuf.Timestamp';
const GPD = 'google.protobuf.Duration';

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Standard CEL conversions and comparisons cel-js lacks: int(uint),
 * int(timestamp), string(timestamp), string(duration), the identity
 * conversions of timestamps and durations, and ordering of bytes.
 */
export function registerConversionLibrary(env: Environment): void {
  env.registerFunction(
    'int(uint): int',
    (value: UnsignedInt) => checkInt(value.valueOf()),
    SYNC,
  );
  env.registerFunction(
    `int(${TS}): int`,
    (value: Date) => BigInt(Math.floor(value.getTime() / 1000)),
    SYNC,
  );
  env.registerFunction(`string(${TS}): string`, formatTimestamp, SYNC);
  env.registerFunction(`string(${GPD}): string`, formatDuration, SYNC);
  env.registerFunction(`timestamp(${TS}): ${TS}`, (v: Date) => v, SYNC);
  env.registerFunction(`duration(${GPD}): ${GPD}`, (v: Duration) => v, SYNC);
  const ordering: Array<[string, (n: number) => boolean]> = [
    ['<', n => n < 0],
    ['<=', n => n <= 0],
    ['>', n => n > 0],
    ['>=', n => n >= 0],
  ];
  for (const [op, test] of ordering) {
    env.registerOperator(`bytes ${op} bytes`, (a: Uint8Array, b: Uint8Array) =>
      test(compareBytes(a, b)),
    );
  }
}
