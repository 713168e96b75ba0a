import {
  Box,
  Button,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
  useTheme,
} from '@material-ui/core';
import { useId, useMemo, useState } from 'react';
import {
  TREND_SERIES,
  TrendDay,
  TrendSeries,
  describeTrend,
} from '../../domain/trend';
import { ReadableTable } from '../ReadableTable';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 16, bottom: 28, left: 40 };

const LABELS: Record<TrendSeries, string> = {
  failing: 'Failing (block, auto-correct)',
  warning: 'Warnings (observe, warn)',
  errors: 'Evaluation errors',
};

// Dash patterns tell the lines apart where colours do not (colour vision, greyscale print).
const DASHES: Record<TrendSeries, string | undefined> = {
  failing: undefined,
  warning: '6 4',
  errors: '2 3',
};

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
}));

/** Rounds the top of the axis up to 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find(m => m * power >= value) ?? 10;
  return step * power;
}

/**
 * Daily violations as a line chart drawn in SVG, with a text summary for screen readers and the same numbers as a
 * table on request.
 */
export function TrendChart(props: { days: TrendDay[]; title: string }) {
  const { days, title } = props;
  const classes = useStyles();
  const theme = useTheme();
  const id = useId();
  const [showTable, setShowTable] = useState(false);

  const colours: Record<TrendSeries, string> = {
    failing: theme.palette.error.main,
    warning: theme.palette.warning.main,
    errors: theme.palette.text.secondary,
  };

  const geometry = useMemo(() => {
    const max = niceMax(
      Math.max(0, ...days.flatMap(d => [d.failing, d.warning, d.errors])),
    );
    const innerW = WIDTH - PAD.left - PAD.right;
    const innerH = HEIGHT - PAD.top - PAD.bottom;
    const x = (i: number) =>
      PAD.left +
      (days.length <= 1 ? innerW / 2 : (i * innerW) / (days.length - 1));
    const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
    const lines = Object.fromEntries(
      TREND_SERIES.map(series => [
        series,
        days.map((d, i) => `${x(i)},${y(d[series])}`).join(' '),
      ]),
    ) as Record<TrendSeries, string>;
    const labelIndexes = [
      ...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1]),
    ].filter(i => i >= 0);
    return { max, x, y, lines, labelIndexes };
  }, [days]);

  const summary = useMemo(() => describeTrend(days), [days]);

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
              {value}
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
            {days[i].date}
          </text>
        ))}
        {TREND_SERIES.map(series => (
          <polyline
            key={series}
            fill="none"
            stroke={colours[series]}
            strokeWidth={2}
            strokeDasharray={DASHES[series]}
            points={geometry.lines[series]}
          />
        ))}
      </svg>
      <ul className={classes.legend} aria-label="Legend">
        {TREND_SERIES.map(series => (
          <li key={series} className={classes.legendItem}>
            <svg width={28} height={8} aria-hidden>
              <line
                x1={0}
                x2={28}
                y1={4}
                y2={4}
                stroke={colours[series]}
                strokeWidth={2}
                strokeDasharray={DASHES[series]}
              />
            </svg>
            <Typography variant="caption">{LABELS[series]}</Typography>
          </li>
        ))}
      </ul>
      <Button
        size="small"
        variant="outlined"
        aria-expanded={showTable}
        aria-controls={showTable ? `${id}-table` : undefined}
        onClick={() => setShowTable(v => !v)}
      >
        {showTable ? 'Hide data table' : 'Show data table'}
      </Button>
      {showTable && (
        <Box mt={1} maxHeight={320} overflow="auto">
          <ReadableTable size="small" id={`${id}-table`}>
            <caption>{title}</caption>
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">
                  Date
                </TableCell>
                {TREND_SERIES.map(series => (
                  <TableCell
                    key={series}
                    component="th"
                    scope="col"
                    align="right"
                  >
                    {LABELS[series]}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {days.map(day => (
                <TableRow key={day.date}>
                  <TableCell component="th" scope="row">
                    {day.date}
                  </TableCell>
                  {TREND_SERIES.map(series => (
                    <TableCell key={series} align="right">
                      {day[series]}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </ReadableTable>
        </Box>
      )}
    </Box>
  );
}
