import {
  Box,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  makeStyles,
  useTheme,
} from '@material-ui/core';
import { useMemo } from 'react';
import { ReadableTable } from '../ReadableTable';
import {
  ChartAxes,
  chartFrame,
  ChartLegend,
  ChartSvg,
  LegendEntry,
  indexScale,
  labelIndexes,
  splitRuns,
  valueScale,
} from '../charts';
import { formatMoney } from './costFormat';
import { CostCentreTrend, describeCostTrend } from './costTrend';

// Money takes more room left of the plot than a count.
const FRAME = chartFrame(480, 200, 64);
const BUDGET_DASH = '6 4';

const useStyles = makeStyles(theme => ({
  table: {
    maxHeight: 200,
    overflow: 'auto',
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
}));

/**
 * One cost centre's estimated monthly cost per day as a line (solid) against its budget (dashed), drawn in SVG with
 * a text summary, and the same numbers as a table under it for screen readers and for reading exact values.
 */
export function CostTrendChart(props: {
  trend: CostCentreTrend;
  days: string[];
  currency: string;
  budget?: number;
  title: string;
}) {
  const { trend, days, currency, budget, title } = props;
  const classes = useStyles();
  const theme = useTheme();

  const geometry = useMemo(() => {
    const scale = valueScale(FRAME, [...trend.byDay.values(), budget ?? 0]);
    const x = indexScale(FRAME, days.length);
    const y = (day: string) => scale.y(trend.byDay.get(day)!);
    // Runs of consecutive days with data: a day without data breaks the line instead of reading as 0.
    const known = days.flatMap((day, i) => (trend.byDay.has(day) ? [i] : []));
    const lines = splitRuns(
      known,
      (previous, next) => next === previous + 1,
    ).map(run => run.map(i => `${x(i)},${y(days[i])}`).join(' '));
    const labels = labelIndexes(days.length).map(i => ({
      x: x(i),
      text: days[i],
      anchor: 'middle' as const,
    }));
    return { scale, x, y, lines, labels };
  }, [trend, days, budget]);

  const summary = useMemo(
    () => describeCostTrend(trend, days, currency, budget),
    [trend, days, currency, budget],
  );
  const line = theme.palette.primary.main;
  const budgetColour = theme.palette.text.secondary;
  const legend: LegendEntry[] = [
    {
      label: `Estimated monthly cost of the reserved quota (${currency})`,
      colour: line,
    },
  ];
  if (budget !== undefined) {
    legend.push({
      label: 'Monthly budget',
      colour: budgetColour,
      dash: BUDGET_DASH,
    });
  }

  return (
    <Box>
      <ChartSvg frame={FRAME} title={title} description={summary}>
        <ChartAxes
          frame={FRAME}
          scale={geometry.scale}
          labels={geometry.labels}
          formatTick={value => value.toLocaleString('en')}
        />
        {budget !== undefined && (
          <line
            x1={FRAME.pad.left}
            x2={FRAME.width - FRAME.pad.right}
            y1={geometry.scale.y(budget)}
            y2={geometry.scale.y(budget)}
            stroke={budgetColour}
            strokeWidth={2}
            strokeDasharray={BUDGET_DASH}
          />
        )}
        {geometry.lines.map(points => (
          <polyline
            key={points}
            fill="none"
            stroke={line}
            strokeWidth={2}
            points={points}
          />
        ))}
        {days.map((day, i) =>
          trend.byDay.has(day) ? (
            <circle
              key={day}
              cx={geometry.x(i)}
              cy={geometry.y(day)}
              r={2.5}
              fill={line}
            />
          ) : null,
        )}
      </ChartSvg>
      <ChartLegend entries={legend} />
      {/* Scrolls within its own box, so it takes the keyboard focus to scroll. */}
      <Box
        className={classes.table}
        tabIndex={0}
        role="region"
        aria-label={`${title}, as a table`}
      >
        <ReadableTable size="small">
          <caption>{title}</caption>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Day
              </TableCell>
              <TableCell component="th" scope="col" align="right">
                Estimate ({currency})
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {days.map(day => (
              <TableRow key={day}>
                <TableCell component="th" scope="row">
                  {day}
                </TableCell>
                <TableCell align="right">
                  {trend.byDay.has(day)
                    ? formatMoney(trend.byDay.get(day)!, currency)
                    : 'no data'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ReadableTable>
      </Box>
    </Box>
  );
}
