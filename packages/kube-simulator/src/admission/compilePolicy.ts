import {
  CelProgram,
  compileCel,
} from '@guardrails-dev/plugin-guardrails-engine';
import { PolicyObject, PolicySpec } from './types';

/** A compiled expression, or why it did not compile (`compilation failed: …`, as the API server says). */
export type Compiled =
  | { expression: string; program: CelProgram; error?: undefined }
  | { expression: string; program?: undefined; error: string };

export interface CompiledPolicy {
  matchConditions: Array<{ name: string } & Compiled>;
  variables: Array<{ name: string } & Compiled>;
  validations: Array<{
    compiled: Compiled;
    message?: string;
    reason?: string;
    messageExpression?: Compiled;
  }>;
  auditAnnotations: Array<{ key: string } & Compiled>;
}

/** The CEL variables each kind of expression may use, as the API server's compilers declare them. */
export function declaredVariables(
  spec: PolicySpec,
  kind: 'matchCondition' | 'expression',
): string[] {
  const names = ['object', 'oldObject', 'namespaceObject', 'request'];
  if (spec.paramKind) names.push('params');
  // Match conditions compile without composition; other expressions see `variables` once any is declared.
  if (kind === 'expression' && (spec.variables ?? []).length > 0)
    names.push('variables');
  return names;
}

/** Compiles one expression in the Kubernetes CEL environment of the suite's engine. */
export function compileExpression(
  expression: string,
  variables: string[],
): Compiled {
  try {
    // The API server sets no length limit on these expressions (its request size limit applies).
    const program = compileCel(expression, {
      variables,
      maxExpressionLength: Number.MAX_SAFE_INTEGER,
    });
    return { expression, program };
  } catch (e) {
    return {
      expression,
      error: `compilation failed: ${e instanceof Error ? e.message : e}`,
    };
  }
}

const cache = new Map<string, CompiledPolicy>();
const CACHE_LIMIT = 500;

function compileSpec(spec: PolicySpec): CompiledPolicy {
  const forExpressions = declaredVariables(spec, 'expression');
  const forConditions = declaredVariables(spec, 'matchCondition');
  const compile = (e: string | undefined, vars: string[]) =>
    compileExpression(String(e ?? ''), vars);
  return {
    matchConditions: (spec.matchConditions ?? []).map(c => ({
      name: c.name,
      ...compile(c.expression, forConditions),
    })),
    variables: (spec.variables ?? []).map(v => ({
      name: v.name,
      ...compile(v.expression, forExpressions),
    })),
    validations: (spec.validations ?? []).map(v => ({
      compiled: compile(v.expression, forExpressions),
      message: v.message,
      reason: v.reason,
      messageExpression:
        v.messageExpression !== undefined && v.messageExpression.trim() !== ''
          ? compile(v.messageExpression, forExpressions)
          : undefined,
    })),
    auditAnnotations: (spec.auditAnnotations ?? []).map(a => ({
      key: a.key,
      ...compile(a.valueExpression?.trim(), forExpressions),
    })),
  };
}

/** The compiled expressions of a stored policy, kept until its spec changes, as the API server keeps them. */
export function compilePolicy(policy: PolicyObject): CompiledPolicy {
  const spec = policy.spec ?? {};
  const key = JSON.stringify(spec);
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compileSpec(spec);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}
