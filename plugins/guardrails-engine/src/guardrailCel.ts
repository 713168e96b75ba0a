import {
  CelCompileOptions,
  CelProgram,
  compileCel,
  parseKubernetesVersion,
} from './cel';

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

/**
 * Limits applied when compiling guardrail expressions, and the Kubernetes
 * release (`kubernetesVersion`) they must run on.
 * @public
 */
export type GuardrailCelLimits = Omit<CelCompileOptions, 'variables'>;

/**
 * The limits with `kubernetesVersion` set when given, checked once here so a
 * bad release is one error about the option rather than one per expression.
 * Throws a TypeError naming `kubernetesVersion`.
 */
export function withKubernetesVersion(
  limits: GuardrailCelLimits | undefined,
  kubernetesVersion: string | undefined,
): GuardrailCelLimits | undefined {
  const version = kubernetesVersion ?? limits?.kubernetesVersion;
  if (version === undefined) return limits;
  if (typeof version !== 'string') {
    throw new TypeError(
      `kubernetesVersion must be a string such as '1.30', got ${typeof version}`,
    );
  }
  try {
    parseKubernetesVersion(version);
  } catch (error) {
    throw new TypeError((error as Error).message);
  }
  return { ...limits, kubernetesVersion: version };
}

/**
 * Compiles one guardrail expression with the guardrail variables; with
 * `options.kubernetesVersion`, a function newer than that release is a
 * compile error naming it and the release. Throws `CelCompileError`.
 */
export function compileGuardrailExpression(
  expression: string,
  options?: GuardrailCelLimits,
): CelProgram {
  return compileCel(expression, {
    ...options,
    variables: [...GUARDRAIL_CEL_VARIABLES],
  });
}
