/**
 * A Guardrail document at `warn` in `dev`, for tests that need a few simple guardrails: `match` is the YAML of
 * `spec.match`'s fields (resources, selectors) and `expression` its one validation.
 */
export function devGuardrail(
  id: string,
  match: string,
  expression: string,
): string {
  return `apiVersion: guardrails.dev/v1alpha1
kind: Guardrail
metadata: { name: ${id} }
spec:
  title: ${id}
  category: detective
  severity: medium
  rationale: Kept simple for the test.
  remediation: Fix it.
  match:
    ${match}
  validations:
    - expression: "${expression}"
      message: ${id} fails
  rollout:
    dev: [{ level: warn }]
`;
}
