// The engine tells library callers to pass its `resourceNames` option; on the command line that is a flag.
const RESOURCE_NAMES_HINT = /\(pass resourceNames, e\.g\. ([^)]*)\)/;

/** A reason the engine gives for leaving a guardrail out of admission, with the CLI's flag in its hint. */
export function withCliHint(reason: string): string {
  return reason.replace(
    RESOURCE_NAMES_HINT,
    '(name it with guardrails export vap --resource-name $1)',
  );
}
