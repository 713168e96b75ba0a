import { Compiled, CompiledPolicy } from './compilePolicy';

/** `validating.PolicyDecision`: what one validation says about a request. */
export interface PolicyDecision {
  action: 'admit' | 'deny';
  /** The validation errored rather than evaluating to false. */
  error?: boolean;
  message: string;
  /** Only for validations that evaluated to false; errors are denied as Invalid. */
  reason?: string;
}

export type AuditAnnotationResult =
  | { action: 'publish'; key: string; value: string }
  | { action: 'exclude'; key: string }
  | { action: 'error'; key: string; error: string };

export interface ValidateResult {
  decisions: PolicyDecision[];
  auditAnnotations: AuditAnnotationResult[];
}

/** Longest messageExpression result kept (`MaxEvaluatedMessageExpressionSizeBytes`). */
const MAX_MESSAGE_BYTES = 5 * 1024;

type Activation = Record<string, unknown>;

/** Evaluates one expression; errors come back worded as the API server's activation words them. */
function run(
  compiled: Compiled,
  activation: Activation,
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (compiled.error !== undefined)
    return { ok: false, error: `compilation error: ${compiled.error}` };
  const result = compiled.program.evaluate(activation);
  if (result.ok) return result;
  return {
    ok: false,
    error: `expression '${compiled.expression}' resulted in error: ${result.error}`,
  };
}

/**
 * A fresh activation whose `variables` evaluate lazily, once each, as the API server's composition does: a
 * variable that fails makes only the expressions that read it fail.
 */
function withVariables(policy: CompiledPolicy, base: Activation): Activation {
  const activation: Activation = { ...base };
  if (policy.variables.length === 0) return activation;
  const variables: Record<string, unknown> = {};
  for (const variable of policy.variables) {
    let state: 'new' | 'running' | 'done' = 'new';
    let value: unknown;
    let failure: string | undefined;
    Object.defineProperty(variables, variable.name, {
      enumerable: true,
      get() {
        if (state === 'running')
          failure ??= `composited variable "${variable.name}" refers to itself`;
        if (state === 'new') {
          state = 'running';
          if (variable.error !== undefined) {
            failure = `composited variable "${variable.name}" fails to compile: ${variable.error}`;
          } else {
            const result = variable.program.evaluate(activation);
            if (result.ok) value = result.value;
            else
              failure = `composited variable "${variable.name}" fails to evaluate: ${result.error}`;
          }
          state = 'done';
        }
        if (failure !== undefined) throw new Error(failure);
        return value;
      },
    });
  }
  activation.variables = variables;
  return activation;
}

/** CEL's name for the type of a result, for messages. */
function celTypeName(value: unknown): string {
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Date) return 'google.protobuf.Timestamp';
  return typeof value === 'object' ? 'map' : typeof value;
}

const errorAction = (failurePolicy: string) =>
  failurePolicy === 'Ignore' ? 'admit' : 'deny';

/** `matchconditions.Matcher`: any false skips the policy; errors follow the failure policy. */
function matchConditions(
  policy: CompiledPolicy,
  base: Activation,
  failurePolicy: string,
): { matches: boolean; error?: string } {
  if (policy.matchConditions.length === 0) return { matches: true };
  const activation = { ...base };
  const errors: string[] = [];
  for (const condition of policy.matchConditions) {
    const result = run(condition, activation);
    if (!result.ok) errors.push(result.error);
    else if (result.value === false) return { matches: false };
  }
  if (errors.length === 0) return { matches: true };
  if (failurePolicy === 'Ignore') return { matches: false };
  const error = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return { matches: false, error };
}

/** The denial message: messageExpression when it gives a usable string, else message, else the expression. */
function failureMessage(
  validation: CompiledPolicy['validations'][number],
  activation: Activation,
): string {
  let message = '';
  if (validation.messageExpression) {
    const result = run(validation.messageExpression, activation);
    if (result.ok && typeof result.value === 'string') {
      message = result.value.trim();
      if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) message = '';
      if (message.includes('\n')) message = '';
    }
  }
  if (message === '' && validation.message) message = validation.message.trim();
  if (message === '')
    message = `failed expression: ${validation.compiled.expression.trim()}`;
  return message;
}

function auditAnnotations(
  policy: CompiledPolicy,
  base: Activation,
  failurePolicy: string,
): AuditAnnotationResult[] {
  const activation = withVariables(policy, base);
  return policy.auditAnnotations.map(annotation => {
    const { key } = annotation;
    const result = run(annotation, activation);
    const failed = (error: string): AuditAnnotationResult =>
      failurePolicy === 'Ignore'
        ? { action: 'exclude', key }
        : { action: 'error', key, error };
    if (!result.ok) return failed(result.error);
    if (result.value === null) return { action: 'exclude', key };
    if (typeof result.value !== 'string')
      return {
        action: 'error',
        key,
        error: `valueExpression '${
          annotation.expression
        }' resulted in unsupported return type: ${celTypeName(
          result.value,
        )}. Return type must be either string or null.`,
      };
    const value = result.value.trim();
    return value === ''
      ? { action: 'exclude', key }
      : { action: 'publish', key, value };
  });
}

/**
 * `validating.validator.Validate` for one binding and parameter: match conditions, then every validation
 * (true admits; false, or any other value, denies), then audit annotations.
 */
export function validatePolicy(
  policy: CompiledPolicy,
  base: Activation,
  failurePolicy: string,
): ValidateResult {
  const matched = matchConditions(policy, base, failurePolicy);
  if (matched.error !== undefined) {
    const decision: PolicyDecision = {
      action: errorAction(failurePolicy),
      error: true,
      message: matched.error,
    };
    return { decisions: [decision], auditAnnotations: [] };
  }
  if (!matched.matches) return { decisions: [], auditAnnotations: [] };
  const activation = withVariables(policy, base);
  const messages = withVariables(policy, base);
  const decisions = policy.validations.map((validation): PolicyDecision => {
    const result = run(validation.compiled, activation);
    if (!result.ok)
      return {
        action: errorAction(failurePolicy),
        error: true,
        message: result.error,
      };
    if (result.value === true) return { action: 'admit', message: '' };
    return {
      action: 'deny',
      reason: validation.reason ?? 'Invalid',
      message: failureMessage(validation, messages),
    };
  });
  return {
    decisions,
    auditAnnotations: auditAnnotations(policy, base, failurePolicy),
  };
}
