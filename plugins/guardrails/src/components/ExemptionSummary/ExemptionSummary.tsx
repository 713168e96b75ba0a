import { Typography } from '@material-ui/core';
import type { ApiViolation } from '@guardrails-dev/plugin-guardrails-common';
import { daysUntil, pluralDays } from '../../domain/time';
import { OwnerLink } from '../OwnerLink';

/** A violation's exemption in a table cell: its owner and when it expires or expired; a dash without one. */
export function ExemptionSummary(props: {
  exemption?: ApiViolation['exemption'];
  now: Date;
}) {
  const { exemption, now } = props;
  if (!exemption) {
    return <Typography variant="body2">—</Typography>;
  }
  const days = daysUntil(exemption.expiresAt, now);
  return (
    <>
      <Typography variant="body2">
        {exemption.status === 'expired' ? 'Expired exemption' : 'Exempted'}{' '}
        <OwnerLink entityRef={exemption.owner} />
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {days >= 0
          ? `expires in ${pluralDays(days)}`
          : `expired ${pluralDays(-days)} ago`}
      </Typography>
    </>
  );
}
