import { CelResult, compileCel } from './index';

/** Compiles and evaluates `expression`; test helper. */
export function runCel(
  expression: string,
  activation: Record<string, unknown> = {},
): CelResult {
  return compileCel(expression).evaluate(activation);
}

/** The value of `expression`, failing the test with the CEL error if there is one. */
export function celValue(
  expression: string,
  activation: Record<string, unknown> = {},
): unknown {
  const result = runCel(expression, activation);
  if (!result.ok) throw new Error(`${expression}: ${result.error}`);
  return result.value;
}

/** The error message of `expression`, failing the test if it evaluates. */
export function celError(
  expression: string,
  activation: Record<string, unknown> = {},
): string {
  const result = runCel(expression, activation);
  if (result.ok) {
    throw new Error(
      `${expression}: expected an error, got ${String(result.value)}`,
    );
  }
  return result.error;
}
