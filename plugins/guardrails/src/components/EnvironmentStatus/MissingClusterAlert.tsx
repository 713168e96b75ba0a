import { Alert } from '@material-ui/lab';
import type { ApiMissingCluster } from '@guardrails-dev/plugin-guardrails-common';
import { formatDateTime, formatRelative } from '../../domain/time';

/** Says that a cluster of the environment has never been read, so the component may run there unseen. */
export function MissingClusterAlert(props: {
  environment: string;
  missing: ApiMissingCluster;
  now: Date;
}) {
  const { environment, missing, now } = props;
  return (
    <Alert severity="warning" role="status">
      <strong>
        Not audited yet: cluster {missing.cluster} ({environment}) has never
        been read successfully
      </strong>
      {missing.error && missing.failedAt ? (
        <>
          ; the last attempt{' '}
          <time
            dateTime={missing.failedAt}
            title={formatDateTime(missing.failedAt)}
          >
            {formatRelative(missing.failedAt, now)}
          </time>{' '}
          failed: {missing.error}.
        </>
      ) : (
        '.'
      )}{' '}
      Whether this component runs there, and how, is unknown until an audit
      reads it.
    </Alert>
  );
}
