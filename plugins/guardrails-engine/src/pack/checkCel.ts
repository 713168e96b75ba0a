import { CelCompileError } from '../cel';
import {
  compileGuardrailExpression,
  GuardrailCelLimits,
} from '../guardrailCel';
import { FieldPath } from './fieldPath';
import { FieldReader } from './fieldReader';

/** Reports an expression that does not compile, with the position and the expression. */
export function checkCel(
  expression: string,
  path: FieldPath,
  reader: FieldReader,
  limits: GuardrailCelLimits | undefined,
): boolean {
  try {
    compileGuardrailExpression(expression, limits);
    return true;
  } catch (error) {
    let reason = error instanceof Error ? error.message : String(error);
    if (
      error instanceof CelCompileError &&
      error.position !== undefined &&
      !reason.includes('position')
    ) {
      reason += ` (at position ${error.position})`;
    }
    reader.report(
      path,
      `CEL expression does not compile: ${reason}\n      expression: ${expression.trim()}`,
    );
    return false;
  }
}
