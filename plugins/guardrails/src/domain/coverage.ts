import type { ApiEnvironmentReport } from '@guardrails-dev/plugin-guardrails-common';

/** An environment the component has no result in, with a cluster never audited: nothing is known there. */
export function hasNoData(env: ApiEnvironmentReport): boolean {
  return (env.missing ?? []).length > 0 && !env.evaluatedAt;
}
