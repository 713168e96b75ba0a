import { NativeSelect } from '../NativeSelect';
import { Box, makeStyles } from '@material-ui/core';
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
        <NativeSelect
          id="guardrails-trend-period"
          className={classes.select}
          label="Period"
          value={days}
          onChange={value => setDays(Number(value))}
          options={PERIODS.map(p => ({ value: p, label: `Last ${p} days` }))}
        />
        <NativeSelect
          id="guardrails-trend-environment"
          className={classes.select}
          label="Environment"
          value={environment}
          onChange={setEnvironment}
          allLabel="All environments"
          options={environments}
        />
        <NativeSelect
          id="guardrails-trend-guardrail"
          className={classes.select}
          label="Guardrail"
          value={guardrail}
          onChange={setGuardrail}
          allLabel="All guardrails"
          options={props.guardrails.map(g => ({
            value: g.id,
            label: `${g.title} (${g.id})`,
          }))}
        />
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
