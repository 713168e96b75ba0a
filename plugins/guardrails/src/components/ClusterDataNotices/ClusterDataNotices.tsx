import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type {
  ApiMissingCluster,
  ApiStaleCluster,
} from '@guardrails-dev/plugin-guardrails-common';
import { formatDateTime } from '../../domain/time';

type Missing = ApiMissingCluster & { environment: string };
type Stale = ApiStaleCluster & { environment: string };

/**
 * One notice per cluster whose data is missing (never audited successfully: what runs there is in no count) or stale
 * (counted from an older audit), so that counts and "nothing affected" are read for what they cover.
 */
export function ClusterDataNotices(props: {
  missing: Missing[];
  stale: Stale[];
}) {
  const { missing, stale } = props;
  if (missing.length === 0 && stale.length === 0) {
    return null;
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={8} mb={2}>
      {missing.map(m => (
        <Alert key={`missing-${m.cluster}`} severity="warning" role="status">
          <strong>
            Data missing for cluster {m.cluster} ({m.environment}): never
            audited successfully
          </strong>
          {m.error
            ? `; the last attempt at ${formatDateTime(
                m.failedAt ?? '',
              )} failed: ${m.error}.`
            : '; no audit has tried it yet.'}{' '}
          What runs there is in no count.
        </Alert>
      ))}
      {stale.map(s => (
        <Alert key={`stale-${s.cluster}`} severity="info" role="status">
          <strong>
            Stale data for cluster {s.cluster} ({s.environment}): counted from
            the last good audit
            {s.lastSuccessAt ? ` at ${formatDateTime(s.lastSuccessAt)}` : ''}
          </strong>
          ; the latest audit at {formatDateTime(s.failedAt)} failed: {s.error}.
        </Alert>
      ))}
    </Box>
  );
}
