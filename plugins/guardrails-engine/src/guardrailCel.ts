import { CelCompileOptions, CelProgram, compileCel } from './cel';

/**
 * Variables a guardrail expression can use. `object`, `oldObject` (always
 * null offline), `namespaceObject`, `params` and `variables` are as in
 * ValidatingAdmissionPolicy; `namespaceResources` (kind to list of objects in
 * the same namespace) exists only offline, so guardrails using it are not
 * exported to admission.
 * @public
 */
export const GUARDRAIL_CEL_VARIABLES = [
  'object',
  'oldObject',
  'namespaceObject',
  'params',
  'variables',
  'namespaceResources',
] as const;

/**
 * The variable every guardrail expression can read as `variables.guardrailsNow`: a CEL timestamp, the
 * evaluation instant in audits and the CLI. Admission has no clock, so the export writes the instant it
 * exports for into the policy, rounded down to the hour (see the README's Exports section).
 */
export const NOW_VARIABLE = 'guardrailsNow';

/** Limits applied when compiling guardrail expressions. @public */
export type GuardrailCelLimits = Omit<CelCompileOptions, 'variables'>;

/** Compiles one guardrail expression; throws `CelCompileError`. */
export function compileGuardrailExpression(
  expression: string,
  limits?: GuardrailCelLimits,
): CelProgram {
  return compileCel(expression, {
    ...limits,
    variables: [...GUARDRAIL_CEL_VARIABLES],
  });
}
