import {
  Box,
  Card,
  CardContent,
  Grid,
  Typography,
  makeStyles,
} from '@material-ui/core';
import type {
  ApiEntityReport,
  ApiEnvironmentReport,
} from '@guardrails-dev/plugin-guardrails-common';
import { hasNoData } from '../../domain/coverage';
import { ENFORCEMENT_LEVELS } from '../../domain/levels';
import { ComplianceStatus } from '../ComplianceStatus';
import { LevelChip } from '../LevelChip';
import { RelativeTime } from '../RelativeTime';
import { MissingClusterAlert } from './MissingClusterAlert';
import { StaleClusterAlert } from './StaleClusterAlert';

const useStyles = makeStyles(theme => ({
  card: { height: '100%' },
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0),
  },
  count: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

function EnvironmentCard(props: { env: ApiEnvironmentReport; now: Date }) {
  const { env, now } = props;
  const classes = useStyles();
  const headingId = `guardrails-env-${env.environment}`;
  const missing = env.missing ?? [];
  // Without any result there, zero counts would read as "no violations": show only what is missing.
  const noData = hasNoData(env);
  return (
    <Card
      variant="outlined"
      className={classes.card}
      component="section"
      aria-labelledby={headingId}
    >
      <CardContent>
        <Typography variant="h6" component="h3" id={headingId}>
          {env.environment}
        </Typography>
        <ComplianceStatus compliance={env.compliance} />
        {!noData && (
          <ul
            className={classes.counts}
            aria-label={`Violations in ${env.environment} by level`}
          >
            {ENFORCEMENT_LEVELS.map(level => (
              <li key={level} className={classes.count}>
                <LevelChip level={level} />
                <Typography component="span" variant="body2">
                  {env.counts[level] ?? 0}
                </Typography>
              </li>
            ))}
          </ul>
        )}
        {env.errors > 0 && (
          <Typography variant="body2">
            {env.errors} object{env.errors === 1 ? '' : 's'} could not be
            evaluated
          </Typography>
        )}
        {env.exempted > 0 && (
          <Typography variant="body2">{env.exempted} exempted</Typography>
        )}
        {!noData && (
          <Typography variant="body2" color="textSecondary">
            Evaluated{' '}
            {env.evaluatedAt ? (
              <RelativeTime value={env.evaluatedAt} now={now} />
            ) : (
              'never'
            )}
          </Typography>
        )}
        {(env.stale.length > 0 || missing.length > 0) && (
          <Box mt={1} display="flex" flexDirection="column" gridGap={8}>
            {missing.map(m => (
              <MissingClusterAlert
                key={m.cluster}
                environment={env.environment}
                missing={m}
                now={now}
              />
            ))}
            {env.stale.map(stale => (
              <StaleClusterAlert
                key={stale.cluster}
                environment={env.environment}
                stale={stale}
                now={now}
              />
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

/** One card per environment: compliance, violations by level, evaluation time and stale clusters. */
export function EnvironmentStatusCards(props: {
  report: ApiEntityReport;
  now: Date;
}) {
  return (
    <Grid container spacing={2}>
      {props.report.environments.map(env => (
        <Grid item xs={12} md={6} lg={4} key={env.environment}>
          <EnvironmentCard env={env} now={props.now} />
        </Grid>
      ))}
    </Grid>
  );
}
