import { Box, TextField, makeStyles } from '@material-ui/core';
import { useMemo, useState } from 'react';
import type {
  ApiGuardrail,
  ApiHistory,
} from '@guardrails-dev/plugin-guardrails-common';
import { dailyTotals, historyEnvironments } from '../../domain/trend';
import { useGuardrailsData } from '../../hooks/useGuardrailsData';
import { DataView } from '../DataView';
import { TrendChart } from '../TrendChart';

const PERIODS = [7, 30, 90];

const useStyles = makeStyles(theme => ({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 180 },
}));

function Chart(props: {
  history: ApiHistory;
  days: number;
  environment: string;
  guardrail: string;
}) {
  const { history, days, environment, guardrail } = props;
  const totals = useMemo(
    () =>
      dailyTotals(history, {
        environment: environment || undefined,
        guardrail: guardrail || undefined,
      }),
    [history, environment, guardrail],
  );
  const scope = [
    guardrail || 'all guardrails',
    environment || 'all environments',
  ].join(', ');
  return (
    <TrendChart
      days={totals}
      title={`Violations per day, last ${days} days (${scope})`}
    />
  );
}

/** Violations across all components over time, narrowed by period, environment and guardrail. */
export function PlatformTrend(props: {
  guardrails: ApiGuardrail[];
  environments: string[];
}) {
  const classes = useStyles();
  const [days, setDays] = useState(30);
  const [environment, setEnvironment] = useState('');
  const [guardrail, setGuardrail] = useState('');
  const state = useGuardrailsData(api => api.getHistory({ days }), [days]);
  const environments = useMemo(() => {
    const fromHistory =
      state.status === 'loaded' ? historyEnvironments(state.value) : [];
    return [...new Set([...props.environments, ...fromHistory])];
  }, [props.environments, state]);

  return (
    <Box>
      <Box className={classes.controls} role="group" aria-label="Trend options">
        <TextField
          id="guardrails-trend-period"
          className={classes.select}
          select
          label="Period"
          value={days}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          onChange={e => setDays(Number(e.target.value))}
        >
          {PERIODS.map(p => (
            <option key={p} value={p}>
              Last {p} days
            </option>
          ))}
        </TextField>
        <TextField
          id="guardrails-trend-environment"
          className={classes.select}
          select
          label="Environment"
          value={environment}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          onChange={e => setEnvironment(e.target.value)}
        >
          <option value="">All environments</option>
          {environments.map(env => (
            <option key={env} value={env}>
              {env}
            </option>
          ))}
        </TextField>
        <TextField
          id="guardrails-trend-guardrail"
          className={classes.select}
          select
          label="Guardrail"
          value={guardrail}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          onChange={e => setGuardrail(e.target.value)}
        >
          <option value="">All guardrails</option>
          {props.guardrails.map(g => (
            <option key={g.id} value={g.id}>
              {g.title} ({g.id})
            </option>
          ))}
        </TextField>
      </Box>
      <DataView state={state} title="Could not load the history">
        {history => (
          <Chart
            history={history}
            days={days}
            environment={environment}
            guardrail={guardrail}
          />
        )}
      </DataView>
    </Box>
  );
}
