/** The element ID of a guardrail's row in the grouped view, which "fix first" links to. */
export function groupAnchor(guardrail: string): string {
  return `guardrails-group-${guardrail.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
