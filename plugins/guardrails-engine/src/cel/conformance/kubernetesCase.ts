/*
 * Cases copied from Kubernetes' own CEL tests, in a form the engine can run:
 * an expression, the object bound to `self` (and `oldSelf`) for CRD
 * validation rules, and what Kubernetes produces. Error messages are kept as
 * Kubernetes words them, for the reader; only the kind of failure (compile
 * or evaluation) is checked, since the engine words its errors its own way.
 * Expected ints are bigints and doubles numbers, as the engine represents them.
 */
import { Optional } from '@marcbachmann/cel-js';
import { compileCel, toCelValue } from '../index';
import { sameValue, showValue } from './specValue';

export type KubernetesExpectation =
  | { value: unknown }
  /** A value of a library type, by CEL type name and string form. */
  | { typed: string; text: string }
  /** A double within 0.0001 of `approx`. */
  | { approx: number }
  /** An optional: `null` for optional.none(), else the contained value. */
  | { optional: unknown }
  | { error: 'compile' | 'evaluation' | 'any'; message?: string };

export interface KubernetesCase {
  name: string;
  expr: string;
  self?: unknown;
  oldSelf?: unknown;
  expect: KubernetesExpectation;
}

/** A case whose expression must evaluate to `value` (true by default). */
export function holds(
  name: string,
  expr: string,
  value: unknown = true,
): KubernetesCase {
  return { name, expr, expect: { value } };
}

/** A case whose expression must fail as `kind`. */
export function fails(
  name: string,
  expr: string,
  kind: 'compile' | 'evaluation' | 'any',
  message?: string,
): KubernetesCase {
  return { name, expr, expect: { error: kind, message } };
}

/** CRD validation rule cases: each rule must hold for `self`, each error rule must fail. */
export function rules(
  group: string,
  self: unknown,
  valid: string[],
  errors: Record<string, string> = {},
  oldSelf?: unknown,
): KubernetesCase[] {
  return [
    ...valid.map(expr => ({
      name: `${group}: ${expr}`,
      expr,
      self,
      oldSelf,
      expect: { value: true },
    })),
    ...Object.entries(errors).map(([expr, message]) => ({
      name: `${group}: ${expr}`,
      expr,
      self,
      oldSelf,
      expect: { error: 'any' as const, message },
    })),
  ];
}

function typeNameOf(value: unknown): string | undefined {
  const ctor = (value as { constructor?: { celTypeName?: string } })
    ?.constructor;
  return ctor?.celTypeName;
}

function check(
  expect: KubernetesExpectation,
  value: unknown,
): string | undefined {
  const shown = showValue(value);
  if ('value' in expect) {
    return sameValue(value, expect.value) ? undefined : `value ${shown}`;
  }
  if ('typed' in expect) {
    const ok =
      typeNameOf(value) === expect.typed && String(value) === expect.text;
    return ok ? undefined : `value ${typeNameOf(value)} ${String(value)}`;
  }
  if ('approx' in expect) {
    const ok =
      typeof value === 'number' && Math.abs(value - expect.approx) < 1e-4;
    return ok ? undefined : `value ${shown}`;
  }
  if ('optional' in expect) {
    if (!(value instanceof Optional)) return `value ${shown}`;
    const inner = value.hasValue() ? value.value() : null;
    return sameValue(inner, expect.optional)
      ? undefined
      : `optional ${showValue(inner)}`;
  }
  return `value ${shown}, expected an error`;
}

/** Runs one case; undefined when the engine does what Kubernetes does, else what it did. */
export function runKubernetesCase(c: KubernetesCase): string | undefined {
  const wantsError = 'error' in c.expect ? c.expect.error : undefined;
  let program;
  try {
    program = compileCel(c.expr, { variables: ['self', 'oldSelf'] });
  } catch (error) {
    if (wantsError === 'compile' || wantsError === 'any') return undefined;
    return `compile error: ${(error as Error).message}`;
  }
  if (wantsError === 'compile') return 'compiled; Kubernetes rejects it';
  const activation: Record<string, unknown> = {};
  if (c.self !== undefined) activation.self = toCelValue(c.self);
  if (c.oldSelf !== undefined) activation.oldSelf = toCelValue(c.oldSelf);
  const result = program.evaluate(activation);
  if (!result.ok) {
    return wantsError ? undefined : `evaluation error: ${result.error}`;
  }
  return check(c.expect, result.value);
}
