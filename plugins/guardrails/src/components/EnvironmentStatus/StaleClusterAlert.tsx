import { Alert } from '@material-ui/lab';
import type { ApiStaleCluster } from '@guardrails-dev/plugin-guardrails-common';
import { formatDateTime, formatRelative } from '../../domain/time';

/** Says that a cluster could not be read and how old the results shown for it are. */
export function StaleClusterAlert(props: {
  environment: string;
  stale: ApiStaleCluster;
  now: Date;
}) {
  const { environment, stale, now } = props;
  return (
    <Alert severity="warning" role="status">
      <strong>
        Stale data: cluster {stale.cluster} ({environment}) could not be read
      </strong>{' '}
      <time dateTime={stale.failedAt} title={formatDateTime(stale.failedAt)}>
        {formatRelative(stale.failedAt, now)}
      </time>
      : {stale.error}.{' '}
      {stale.lastSuccessAt ? (
        <>
          Results shown for it are from the last good audit at{' '}
          <time dateTime={stale.lastSuccessAt}>
            {formatDateTime(stale.lastSuccessAt)}
          </time>
          .
        </>
      ) : (
        <>No audit of this cluster has succeeded yet, so it has no results.</>
      )}
    </Alert>
  );
}
