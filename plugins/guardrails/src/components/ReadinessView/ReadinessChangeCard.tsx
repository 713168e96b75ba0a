import { Box, Paper, Typography, makeStyles } from '@material-ui/core';
import type { ApiReadinessChange } from '@guardrails-dev/plugin-guardrails-common';
import { useId } from 'react';
import { formatDateTime, pluralDays } from '../../domain/time';
import { ClusterDataNotices } from '../ClusterDataNotices';
import { DateText } from '../DateText';
import { LevelChip } from '../LevelChip';
import { OwnerLink } from '../OwnerLink';
import { BurnDownChart } from './BurnDownChart';
import { ReadinessObjects } from './ReadinessObjects';

const useStyles = makeStyles(theme => ({
  card: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0, 2),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
  nowrap: { whiteSpace: 'nowrap' },
  owners: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    listStyle: 'none',
    padding: 0,
    margin: 0,
  },
}));

function plural(count: number, one: string): string {
  return `${count} ${count === 1 ? one : `${one}s`}`;
}

/** The counts, read for what they cover: a cluster without data makes them a lower bound, or unknown when nothing is. */
export function affectedText(change: ApiReadinessChange): string {
  const { totals, missing } = change;
  const counts = `${plural(totals.components, 'component')}, ${plural(
    totals.namespaces,
    'namespace',
  )}, ${plural(totals.objects, 'object')}`;
  if (missing.length === 0) return counts;
  const clusters = missing.map(m => m.cluster).join(', ');
  return totals.objects === 0
    ? `Unknown: no data from ${clusters}`
    : `At least ${counts} (no data from ${clusters})`;
}

/** One stage change ahead: what it changes, what it would affect, who owns that, who was told, and the burn-down. */
export function ReadinessChangeCard(props: { change: ApiReadinessChange }) {
  const { change } = props;
  const classes = useStyles();
  const headingId = useId();
  const env = change.environment;
  const withEnvironment = <T,>(items: T[]) =>
    items.map(item => ({ ...item, environment: env }));
  return (
    <Paper
      variant="outlined"
      component="section"
      className={classes.card}
      aria-labelledby={headingId}
    >
      <Typography variant="h6" component="h3" id={headingId}>
        {change.title} ({change.guardrail}): {change.level} in {env}
      </Typography>
      <dl className={classes.facts}>
        <dt>Date</dt>
        <dd>
          <DateText value={change.from} /> (in {pluralDays(change.daysUntil)})
        </dd>
        <dt>Guardrail</dt>
        <dd>{change.guardrail}</dd>
        <dt>Environment</dt>
        <dd>{env}</dd>
        <dt>Level</dt>
        <dd>
          {change.previousLevel ? (
            <>
              <LevelChip level={change.previousLevel} /> to{' '}
            </>
          ) : null}
          <LevelChip level={change.level} />
        </dd>
        <dt>Affected now</dt>
        <dd>{affectedText(change)}</dd>
        <dt>Owners</dt>
        <dd>
          {change.owners.length === 0 ? (
            'None'
          ) : (
            <ul className={classes.owners}>
              {change.owners.map(owner => (
                <li key={owner}>
                  <OwnerLink entityRef={owner} />
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Notified</dt>
        <dd>
          {change.notified.count === 0 ? (
            'No notice sent yet'
          ) : (
            <>
              {plural(change.notified.count, 'notice')}, the first on{' '}
              <span className={classes.nowrap}>
                {formatDateTime(change.notified.firstSentAt ?? '')}
              </span>
            </>
          )}
        </dd>
      </dl>
      <ClusterDataNotices
        missing={withEnvironment(change.missing)}
        stale={withEnvironment(change.stale)}
      />
      {change.totals.exemptionsEnding > 0 && (
        <Typography variant="body2" paragraph>
          {plural(change.totals.exemptionsEnding, 'object')} counted because its
          exemption expires before the change.
        </Typography>
      )}
      <Box>
        <Typography variant="subtitle2" component="h4">
          Burn-down
        </Typography>
        <BurnDownChart
          burnDown={change.burnDown}
          label={`Objects in violation of ${change.guardrail} in ${env} per day`}
        />
      </Box>
      <ReadinessObjects
        objects={change.objects}
        label={`Objects ${change.guardrail} at ${change.level} would affect in ${env}`}
      />
    </Paper>
  );
}
