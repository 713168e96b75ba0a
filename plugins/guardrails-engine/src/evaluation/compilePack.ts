import { CelProgram, toCelValue } from '../cel';
import {
  compileGuardrailExpression,
  GuardrailCelLimits,
  withKubernetesVersion,
} from '../guardrailCel';
import { PackProblem, PackValidationError } from '../pack/PackValidationError';
import {
  Guardrail,
  GuardrailPack,
  GuardrailValidation,
} from '@guardrails-dev/plugin-guardrails-common';
import { isPodRule } from './matching';

/** A guardrail with every expression compiled. @public */
export interface CompiledGuardrail {
  guardrail: Guardrail;
  /** Whether it matches Pods, and therefore every pod template too. */
  podRule: boolean;
  /** `params` converted to CEL values once; null when the guardrail has none. */
  params: unknown;
  variables: Array<{ name: string; program: CelProgram }>;
  validations: Array<{
    validation: GuardrailValidation;
    program: CelProgram;
    messageProgram?: CelProgram;
  }>;
}

/** A pack ready to evaluate many objects. @public */
export interface CompiledPack {
  pack: GuardrailPack;
  guardrails: CompiledGuardrail[];
}

/** @public */
export interface CompilePackOptions {
  celLimits?: GuardrailCelLimits;
  /**
   * The oldest Kubernetes release the pack must run on, such as '1.30': an
   * expression using a function a later release added does not compile (see
   * `ParsePackOptions.kubernetesVersion`). Default: no check.
   */
  kubernetesVersion?: string;
}

/**
 * Compiles every expression of a pack once. Packs from {@link parsePack} always
 * compile; for packs built by hand, expressions that do not compile are
 * reported together in a {@link PackValidationError}.
 * @public
 */
export function compilePack(
  pack: GuardrailPack,
  options: CompilePackOptions = {},
): CompiledPack {
  const problems: PackProblem[] = [];
  const celOptions = withKubernetesVersion(
    options.celLimits,
    options.kubernetesVersion,
  );
  const compile = (guardrail: Guardrail, field: string, expression: string) => {
    try {
      return compileGuardrailExpression(expression, celOptions);
    } catch (error) {
      problems.push({
        file: guardrail.location?.file ?? '<unknown>',
        documentIndex: guardrail.location?.documentIndex ?? 0,
        documentName: guardrail.id,
        field,
        message: `CEL expression does not compile: ${
          error instanceof Error ? error.message : String(error)
        }\n      expression: ${expression.trim()}`,
      });
      return undefined;
    }
  };
  const guardrails = pack.guardrails.map(
    (guardrail): CompiledGuardrail => ({
      guardrail,
      podRule: isPodRule(guardrail.match),
      params: guardrail.params ? toCelValue(guardrail.params) : null,
      variables: guardrail.variables.map((variable, index) => ({
        name: variable.name,
        program: compile(
          guardrail,
          `spec.variables[${index}].expression`,
          variable.expression,
        )!,
      })),
      validations: guardrail.validations.map((validation, index) => ({
        validation,
        program: compile(
          guardrail,
          `spec.validations[${index}].expression`,
          validation.expression,
        )!,
        ...(validation.messageExpression !== undefined
          ? {
              messageProgram: compile(
                guardrail,
                `spec.validations[${index}].messageExpression`,
                validation.messageExpression,
              ),
            }
          : {}),
      })),
    }),
  );
  if (problems.length > 0) {
    throw new PackValidationError(problems);
  }
  return { pack, guardrails };
}
