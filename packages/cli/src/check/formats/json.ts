import { summarize } from '@guardrails-dev/plugin-guardrails-engine';
import { CheckRun } from '../runCheck';

/**
 * The documented JSON output: every result with exactly these fields, and
 * counts by status. `namespace` is null for cluster-scoped objects.
 */
export function formatJson(run: CheckRun): string {
  const output = {
    results: run.results.map(r => ({
      guardrail: r.guardrail,
      resource: {
        apiVersion: r.resource.apiVersion,
        kind: r.resource.kind,
        namespace: r.resource.namespace ?? null,
        name: r.resource.name,
      },
      result: r.result,
      level: r.level,
      message: r.message,
      severity: r.severity,
      category: r.category,
    })),
    summary: summarize(run.results),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
