import { Typography } from '@material-ui/core';
import type { ApiViolation } from '@guardrails-dev/plugin-guardrails-common';
import { resourceLabel } from '../../domain/violations';

/** `Deployment payments/api`, with the cluster it runs in and the source that reported it. */
export function ResourceName(props: { violation: ApiViolation }) {
  const { resource, source } = props.violation;
  return (
    <>
      <Typography variant="body2">{resourceLabel(resource)}</Typography>
      <Typography variant="caption" color="textSecondary">
        {resource.cluster} · {source}
      </Typography>
    </>
  );
}
