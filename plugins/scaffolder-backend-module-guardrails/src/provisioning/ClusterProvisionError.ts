import { CustomErrorBase } from '@backstage/errors';
import { ClusterConflictError } from '@guardrails-dev/plugin-guardrails-node';
import { ProvisionedObject } from './types';

/**
 * Applying a guarded namespace on one cluster failed for some objects. The message lists each
 * failure (cluster, object, HTTP status and reason, from the cluster client); `objects` holds what
 * was applied, so a report can show the partial state. Applying again is safe and completes it.
 * @public
 */
export class ClusterProvisionError extends CustomErrorBase {
  name = 'ClusterProvisionError' as const;

  constructor(
    readonly cluster: string,
    readonly namespace: string,
    readonly objects: ProvisionedObject[],
    readonly failures: Error[],
    total: number,
  ) {
    super(
      `Namespace '${namespace}' on cluster '${cluster}': ${
        objects.length
      } of ${total} objects applied; ${failures.length} failed:\n${failures
        .map(failure => `  - ${describeFailure(failure)}`)
        .join('\n')}`,
      failures[0],
    );
  }
}

function describeFailure(error: Error): string {
  if (error instanceof ClusterConflictError) {
    return `${error.message}; another field manager owns a field Guardrails sets: remove that field from the other tool's configuration, then run the template again`;
  }
  return error.message;
}
