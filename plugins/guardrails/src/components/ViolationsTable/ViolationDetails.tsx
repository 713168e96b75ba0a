import { Typography, makeStyles } from '@material-ui/core';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { formatDateTime } from '../../domain/time';
import { ViolationRow } from '../../domain/violations';
import { ExplainedDetails, GuardrailLookup } from '../GuardrailExplanation';
import { OwnerLink } from '../OwnerLink';
import { RelativeTime } from '../RelativeTime';
import { RolloutTimeline } from '../RolloutTimeline';

const useStyles = makeStyles(theme => ({
  text: { whiteSpace: 'pre-line' },
  heading: { marginTop: theme.spacing(1) },
}));

/** The expanded part of a violation: why the guardrail exists, how to fix it and where its rollout stands. */
export function ViolationDetails(props: {
  row: ViolationRow;
  guardrail?: ApiGuardrail;
  lookup: GuardrailLookup;
  now: Date;
}) {
  const { row, guardrail, lookup, now } = props;
  const { violation } = row;
  const classes = useStyles();
  const rollout = guardrail?.rollout.find(
    r => r.environment === row.environment,
  );

  return (
    <ExplainedDetails
      guardrailId={violation.guardrail}
      guardrail={guardrail}
      lookup={lookup}
      aside={
        <>
          <Typography variant="subtitle2" component="h4">
            Rollout in {row.environment}
          </Typography>
          {rollout ? (
            <RolloutTimeline
              rollout={rollout}
              now={now}
              guardrailTitle={violation.title}
            />
          ) : (
            <Typography variant="body2">
              {guardrail ? `No rollout plan for ${row.environment}.` : '—'}
            </Typography>
          )}
          <Typography
            variant="subtitle2"
            component="h4"
            className={classes.heading}
          >
            Finding
          </Typography>
          <Typography variant="body2" className={classes.text}>
            {violation.message}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {violation.resource.apiVersion} {violation.resource.kind} in cluster{' '}
            {violation.resource.cluster}; reported by {violation.source}; last
            seen <RelativeTime value={violation.lastSeen} now={now} />
          </Typography>
          {violation.exemption && (
            <>
              <Typography
                variant="subtitle2"
                component="h4"
                className={classes.heading}
              >
                Exemption {violation.exemption.name} (
                {violation.exemption.status})
              </Typography>
              <Typography variant="body2" className={classes.text}>
                {violation.exemption.reason}:{' '}
                {violation.exemption.justification}
              </Typography>
              <Typography variant="body2">
                Owner <OwnerLink entityRef={violation.exemption.owner} />,
                approved by{' '}
                <OwnerLink
                  entityRef={violation.exemption.approvedBy}
                  defaultKind="user"
                />
                ,{' '}
                {violation.exemption.status === 'expired'
                  ? 'expired'
                  : 'expires'}{' '}
                {formatDateTime(violation.exemption.expiresAt)}
              </Typography>
            </>
          )}
        </>
      }
    />
  );
}
