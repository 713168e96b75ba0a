import {
  toPolicyReport,
  toPolicyReports,
  toYaml,
} from '@guardrails-dev/plugin-guardrails-engine';
import { CheckRun } from '../runCheck';

/**
 * `wgpolicyk8s.io/v1alpha2` reports as multi-document YAML: a PolicyReport
 * per namespace and a ClusterPolicyReport for cluster-scoped objects; an empty
 * ClusterPolicyReport when there are no results, so the output always applies.
 */
export function formatPolicyReport(run: CheckRun): string {
  const options = { at: run.at, source: 'guardrails' };
  const reports =
    run.results.length > 0
      ? toPolicyReports(run.results, options)
      : [toPolicyReport([], options)];
  return toYaml(reports);
}
