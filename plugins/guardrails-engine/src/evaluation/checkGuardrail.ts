import { CelEvaluateOptions } from '../cel';
import { NOW_VARIABLE } from '../guardrailCel';
import { CompiledGuardrail } from './compilePack';

/** The outcome of a guardrail's expressions on one object, before levels and exemptions. */
export type CheckOutcome =
  | { outcome: 'pass' }
  | { outcome: 'violated'; message: string }
  | { outcome: 'error'; message: string };

/** The inputs of a guardrail's expressions, except `variables` and `params`. */
export interface CheckActivation {
  object: unknown;
  namespaceObject: unknown;
  namespaceResources: unknown;
  /** The evaluation instant, as `variables.guardrailsNow`. */
  now: Date;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a map' : `${typeof value}`;
}

/**
 * Runs a guardrail's variables (eagerly, in order) and validations. Any false
 * validation makes it violated, even if another one errored; otherwise any
 * error makes it an error. Only all-true is a pass.
 */
export function checkGuardrail(
  compiled: CompiledGuardrail,
  input: CheckActivation,
  options: CelEvaluateOptions,
): CheckOutcome {
  const variables: Record<string, unknown> = { [NOW_VARIABLE]: input.now };
  const activation: Record<string, unknown> = {
    object: input.object,
    oldObject: null,
    namespaceObject: input.namespaceObject,
    params: compiled.params,
    variables,
    namespaceResources: input.namespaceResources,
  };
  for (const variable of compiled.variables) {
    const result = variable.program.evaluate(activation, options);
    if (!result.ok) {
      return {
        outcome: 'error',
        message: `variable ${variable.name}: ${result.error}`,
      };
    }
    variables[variable.name] = result.value;
  }
  const failures: string[] = [];
  const errors: string[] = [];
  compiled.validations.forEach(
    ({ validation, program, messageProgram }, index) => {
      const result = program.evaluate(activation, options);
      if (!result.ok) {
        errors.push(`validation ${index + 1}: ${result.error}`);
      } else if (result.value === false) {
        let message =
          validation.message ??
          `failed expression: ${validation.expression.trim()}`;
        if (messageProgram) {
          const produced = messageProgram.evaluate(activation, options);
          if (
            produced.ok &&
            typeof produced.value === 'string' &&
            produced.value.trim()
          ) {
            message = produced.value;
          }
        }
        failures.push(message);
      } else if (result.value !== true) {
        errors.push(
          `validation ${index + 1} returned ${describe(
            result.value,
          )}, not a boolean`,
        );
      }
    },
  );
  if (failures.length > 0) {
    return { outcome: 'violated', message: failures.join('; ') };
  }
  if (errors.length > 0) {
    return { outcome: 'error', message: errors.join('; ') };
  }
  return { outcome: 'pass' };
}
