import { Environment, EvaluationError } from '@marcbachmann/cel-js';
import { Quantity } from '../quantity';

/** CEL type name Kubernetes gives quantities (`type(quantity('1')) == kubernetes.Quantity`). */
export const QUANTITY_TYPE = 'kubernetes.Quantity';

// Handlers are synchronous; saying so keeps cel-js off its Promise-aware path.
const SYNC = { async: false };
const Q = QUANTITY_TYPE;

// Quantities are immutable and the same few strings ("500m", "1Gi") recur in
// every object, so parsed values are shared.
const MAX_CACHED = 4096;
const parsed = new Map<string, Quantity>();

function parse(text: string): Quantity {
  let q = parsed.get(text);
  if (!q) {
    try {
      q = Quantity.parse(text);
    } catch (error) {
      throw new EvaluationError((error as Error).message);
    }
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(text, q);
  }
  return q;
}

function asInteger(q: Quantity): bigint {
  try {
    return q.asInteger();
  } catch (error) {
    throw new EvaluationError((error as Error).message);
  }
}

/**
 * Kubernetes' quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go):
 * quantity(), isQuantity() and the Quantity methods.
 */
export function registerQuantityLibrary(env: Environment): void {
  env.registerType(Q, { ctor: Quantity, fields: {} });
  env.registerOperator(`${Q} == ${Q}`, (a: Quantity, b: Quantity) =>
    a.equals(b),
  );

  env.registerFunction(`quantity(string): ${Q}`, parse, SYNC);
  env.registerFunction(
    'isQuantity(string): bool',
    (text: string) => {
      try {
        parse(text);
        return true;
      } catch {
        return false;
      }
    },
    SYNC,
  );

  env.registerFunction(
    `${Q}.isLessThan(${Q}): bool`,
    (a: Quantity, b: Quantity) => a.isLessThan(b),
    SYNC,
  );
  env.registerFunction(
    `${Q}.isGreaterThan(${Q}): bool`,
    (a: Quantity, b: Quantity) => a.isGreaterThan(b),
    SYNC,
  );
  env.registerFunction(
    `${Q}.compareTo(${Q}): int`,
    (a: Quantity, b: Quantity) => BigInt(a.compareTo(b)),
    SYNC,
  );

  const add = (a: Quantity, b: Quantity | bigint) => a.add(b);
  const sub = (a: Quantity, b: Quantity | bigint) => a.sub(b);
  env.registerFunction(`${Q}.add(${Q}): ${Q}`, add, SYNC);
  env.registerFunction(`${Q}.add(int): ${Q}`, add, SYNC);
  env.registerFunction(`${Q}.sub(${Q}): ${Q}`, sub, SYNC);
  env.registerFunction(`${Q}.sub(int): ${Q}`, sub, SYNC);
  env.registerFunction(
    `${Q}.mul(int): ${Q}`,
    (a: Quantity, factor: bigint) => a.mul(factor),
    SYNC,
  );

  const divisor = (d: bigint) => {
    if (d === 0n) throw new EvaluationError('division by zero');
    return d;
  };
  env.registerFunction(
    `${Q}.div(int): ${Q}`,
    (a: Quantity, d: bigint) => a.div(divisor(d)),
    SYNC,
  );
  env.registerFunction(
    `${Q}.div(int, int): ${Q}`,
    (a: Quantity, d: bigint, decimals: bigint) => {
      if (decimals < 0n || decimals > 10n) {
        throw new EvaluationError(
          `the valid range for roundVal is 0 to 10 but ${decimals} was passed`,
        );
      }
      return a.div(divisor(d), Number(decimals));
    },
    SYNC,
  );
  env.registerFunction(
    `${Q}.divInt(int): ${Q}`,
    (a: Quantity, d: bigint) => a.divInt(divisor(d)),
    SYNC,
  );

  env.registerFunction(`${Q}.asInteger(): int`, asInteger, SYNC);
  env.registerFunction(
    `${Q}.isInteger(): bool`,
    (q: Quantity) => q.isInteger(),
    SYNC,
  );
  env.registerFunction(
    `${Q}.asApproximateFloat(): double`,
    (q: Quantity) => q.asApproximateFloat(),
    SYNC,
  );

  // Kubernetes declares sign as a plain function; both call styles are accepted.
  const sign = (q: Quantity) => BigInt(q.sign());
  env.registerFunction(`${Q}.sign(): int`, sign, SYNC);
  env.registerFunction(`sign(${Q}): int`, sign, SYNC);
}
