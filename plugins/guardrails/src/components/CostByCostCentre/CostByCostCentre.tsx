import { Box, Grid, Typography, makeStyles } from '@material-ui/core';
import { ReactNode, useMemo, useState } from 'react';
import { useGuardrailsData } from '../../hooks/useGuardrailsData';
import { ClusterDataNotices } from '../ClusterDataNotices';
import { DataView } from '../DataView';
import { NativeSelect } from '../NativeSelect';
import { CostBudgets } from './CostBudgets';
import { CostPrices } from './CostPrices';
import { CostRows } from './CostRows';
import { CostTrendChart } from './CostTrendChart';
import { CostReport } from './costFormat';
import { costTrends } from './costTrend';

const PERIODS = [7, 30, 90];

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(3) },
  select: { minWidth: 180, marginBottom: theme.spacing(2) },
}));

function Section(props: { title: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Box component="section" className={classes.section}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function Trends(props: { report: CostReport; days: number }) {
  const { report, days } = props;
  const trends = useMemo(() => costTrends(report.trend), [report]);
  const budgets = useMemo(
    () => new Map(report.budgets.map(b => [b.costCenter, b.monthly])),
    [report],
  );
  if (trends.series.length === 0) {
    return (
      <Typography variant="body2">
        No estimates recorded in the last {days} days.
      </Typography>
    );
  }
  return (
    <Grid container spacing={3}>
      {trends.series.map(series => (
        <Grid item xs={12} lg={6} key={series.label}>
          <CostTrendChart
            trend={series}
            days={trends.days}
            currency={report.currency}
            budget={
              series.costCenter === null
                ? undefined
                : budgets.get(series.costCenter)
            }
            title={`${series.label}: estimated monthly cost per day, last ${days} days`}
          />
        </Grid>
      ))}
    </Grid>
  );
}

function Report(props: { report: CostReport; days: number }) {
  const { report, days } = props;
  return (
    <>
      <ClusterDataNotices missing={report.missing} stale={report.stale} />
      <Typography variant="body2">
        Estimates, not a bill: CPU and memory reserved by each cost centre's
        ResourceQuotas, and what is in use, times the monthly prices of their
        environment, in {report.currency}.
      </Typography>
      <Section title="Budgets">
        <CostBudgets budgets={report.budgets} currency={report.currency} />
      </Section>
      <Section title="By cost centre and environment">
        <CostRows rows={report.rows} currency={report.currency} />
      </Section>
      <Section title="Prices the estimates use">
        <CostPrices report={report} />
      </Section>
      <Section title="Trend">
        <Trends report={report} days={days} />
      </Section>
    </>
  );
}

/**
 * Cost by cost centre: per cost centre and environment the CPU and memory its quotas reserve and use, the estimated
 * monthly cost at the configured prices (shown with them), budgets with those over called out, and the daily trend.
 */
export function CostByCostCentre() {
  const classes = useStyles();
  const [days, setDays] = useState(30);
  const state = useGuardrailsData(api => api.getCosts({ days }), [days]);
  return (
    <Box>
      <NativeSelect
        id="guardrails-costs-period"
        className={classes.select}
        label="Trend period"
        value={days}
        onChange={value => setDays(Number(value))}
        options={PERIODS.map(p => ({ value: p, label: `Last ${p} days` }))}
      />
      <DataView state={state} title="Could not load the cost report">
        {report => <Report report={report} days={days} />}
      </DataView>
    </Box>
  );
}
