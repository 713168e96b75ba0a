import {
  Box,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
  useTheme,
} from '@material-ui/core';
import { useId, useMemo } from 'react';
import { ReadableTable } from '../ReadableTable';
import { formatMoney } from './costFormat';
import { CostCentreTrend, describeCostTrend } from './costTrend';

const WIDTH = 480;
const HEIGHT = 200;
const PAD = { top: 12, right: 16, bottom: 28, left: 64 };
const BUDGET_DASH = '6 4';

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block' },
  axis: { stroke: theme.palette.divider },
  axisText: { fill: theme.palette.text.secondary, fontSize: 11 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0),
  },
  legendItem: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  table: {
    maxHeight: 200,
    overflow: 'auto',
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
}));

/** Rounds the top of the axis up to 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find(m => m * power >= value) ?? 10;
  return step * power;
}

/** Runs of consecutive days with data: a day without data breaks the line instead of reading as 0. */
function segments(days: string[], byDay: Map<string, number>): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  days.forEach((day, i) => {
    if (byDay.has(day)) {
      run.push(i);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

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
  const id = useId();

  const geometry = useMemo(() => {
    const max = niceMax(Math.max(0, ...trend.byDay.values(), budget ?? 0));
    const innerW = WIDTH - PAD.left - PAD.right;
    const innerH = HEIGHT - PAD.top - PAD.bottom;
    const x = (i: number) =>
      PAD.left +
      (days.length <= 1 ? innerW / 2 : (i * innerW) / (days.length - 1));
    const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
    const lines = segments(days, trend.byDay).map(run =>
      run.map(i => `${x(i)},${y(trend.byDay.get(days[i])!)}`).join(' '),
    );
    const labelIndexes = [
      ...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1]),
    ].filter(i => i >= 0);
    return { max, x, y, lines, labelIndexes };
  }, [trend, days, budget]);

  const summary = useMemo(
    () => describeCostTrend(trend, days, currency, budget),
    [trend, days, currency, budget],
  );
  const line = theme.palette.primary.main;
  const budgetColour = theme.palette.text.secondary;

  return (
    <Box>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {[0, geometry.max / 2, geometry.max].map(value => (
          <g key={value}>
            <line
              className={classes.axis}
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={geometry.y(value)}
              y2={geometry.y(value)}
            />
            <text
              className={classes.axisText}
              x={PAD.left - 6}
              y={geometry.y(value) + 4}
              textAnchor="end"
            >
              {value.toLocaleString('en')}
            </text>
          </g>
        ))}
        {geometry.labelIndexes.map(i => (
          <text
            key={i}
            className={classes.axisText}
            x={geometry.x(i)}
            y={HEIGHT - 8}
            textAnchor="middle"
          >
            {days[i]}
          </text>
        ))}
        {budget !== undefined && (
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={geometry.y(budget)}
            y2={geometry.y(budget)}
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
              cy={geometry.y(trend.byDay.get(day)!)}
              r={2.5}
              fill={line}
            />
          ) : null,
        )}
      </svg>
      <ul className={classes.legend} aria-label="Legend">
        <li className={classes.legendItem}>
          <svg width={28} height={8} aria-hidden>
            <line x1={0} x2={28} y1={4} y2={4} stroke={line} strokeWidth={2} />
          </svg>
          <Typography variant="caption">
            Estimated monthly cost of the reserved quota ({currency})
          </Typography>
        </li>
        {budget !== undefined && (
          <li className={classes.legendItem}>
            <svg width={28} height={8} aria-hidden>
              <line
                x1={0}
                x2={28}
                y1={4}
                y2={4}
                stroke={budgetColour}
                strokeWidth={2}
                strokeDasharray={BUDGET_DASH}
              />
            </svg>
            <Typography variant="caption">Monthly budget</Typography>
          </li>
        )}
      </ul>
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
