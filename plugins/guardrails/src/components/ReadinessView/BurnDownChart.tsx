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
import type { ApiReadinessChange } from '@guardrails-dev/plugin-guardrails-common';
import { useId, useMemo } from 'react';
import { ReadableTable } from '../ReadableTable';

const WIDTH = 640;
const HEIGHT = 180;
const PAD = { top: 12, right: 16, bottom: 28, left: 40 };
const DAY_MS = 24 * 60 * 60 * 1000;

type BurnDown = ApiReadinessChange['burnDown'];

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block' },
  axis: { stroke: theme.palette.divider },
  axisText: { fill: theme.palette.text.secondary, fontSize: 11 },
  // A date never splits at its hyphens where a caption or sentence wraps.
  date: { whiteSpace: 'nowrap' },
}));

/** Rounds the top of the axis up to 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find(m => m * power >= value) ?? 10;
  return step * power;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** What the chart shows, in words: where the count started, where it stands, and the days no audit recorded. */
export function describeBurnDown(burnDown: BurnDown): string {
  const { points } = burnDown;
  if (points.length === 0) {
    return `No day recorded from ${burnDown.from} to ${burnDown.to}.`;
  }
  const first = points[0];
  const last = points[points.length - 1];
  const span = dayNumber(burnDown.to) - dayNumber(burnDown.from) + 1;
  const unrecorded = span - points.length;
  return [
    `${first.objects} on ${first.date}, ${last.objects} on ${last.date}.`,
    unrecorded > 0
      ? `${unrecorded} of ${span} days have no recorded count and are left out.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Objects in violation per day as a line over the burn-down's days, drawn in SVG with a summary for screen readers
 * and the same numbers as a table under it. A day without a recorded count is a gap in the line, never a zero.
 */
export function BurnDownChart(props: {
  burnDown: BurnDown;
  /** What is counted, e.g. "Objects in violation of pod.no-privileged in prod per day"; the days follow it. */
  label: string;
}) {
  const { burnDown, label } = props;
  const title = `${label}, ${burnDown.from} to ${burnDown.to}`;
  const classes = useStyles();
  const period = (
    <>
      <span className={classes.date}>{burnDown.from}</span> to{' '}
      <span className={classes.date}>{burnDown.to}</span>
    </>
  );
  const theme = useTheme();
  const id = useId();
  const summary = useMemo(() => describeBurnDown(burnDown), [burnDown]);

  const geometry = useMemo(() => {
    const start = dayNumber(burnDown.from);
    const span = Math.max(1, dayNumber(burnDown.to) - start);
    const max = niceMax(Math.max(0, ...burnDown.points.map(p => p.objects)));
    const innerW = WIDTH - PAD.left - PAD.right;
    const innerH = HEIGHT - PAD.top - PAD.bottom;
    const x = (date: string) =>
      PAD.left + ((dayNumber(date) - start) * innerW) / span;
    const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
    // Consecutive recorded days are joined; a missing day breaks the line.
    const runs: Array<typeof burnDown.points> = [];
    burnDown.points.forEach((point, i) => {
      const previous = burnDown.points[i - 1];
      if (previous && dayNumber(point.date) - dayNumber(previous.date) === 1) {
        runs[runs.length - 1].push(point);
      } else {
        runs.push([point]);
      }
    });
    return { max, x, y, runs };
  }, [burnDown]);

  if (burnDown.points.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No daily count recorded from {period}: the burn-down is unknown, not
        zero.
      </Typography>
    );
  }

  const colour = theme.palette.error.main;
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
        {/* A burn-down of one day has one date under it, not two drawn over each other. */}
        {(burnDown.from === burnDown.to
          ? [burnDown.from]
          : [burnDown.from, burnDown.to]
        ).map((date, i) => (
          <text
            key={date}
            className={classes.axisText}
            x={geometry.x(date)}
            y={HEIGHT - 8}
            textAnchor={i === 0 ? 'start' : 'end'}
          >
            {date}
          </text>
        ))}
        {geometry.runs.map(run => (
          <polyline
            key={run[0].date}
            fill="none"
            stroke={colour}
            strokeWidth={2}
            points={run
              .map(p => `${geometry.x(p.date)},${geometry.y(p.objects)}`)
              .join(' ')}
          />
        ))}
        {burnDown.points.map(p => (
          <circle
            key={p.date}
            cx={geometry.x(p.date)}
            cy={geometry.y(p.objects)}
            r={3}
            fill={colour}
          />
        ))}
      </svg>
      <Box mt={1} maxHeight={240} overflow="auto">
        <ReadableTable size="small" id={`${id}-table`}>
          <caption>
            {label}, {period}
          </caption>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Date
              </TableCell>
              <TableCell component="th" scope="col" align="right">
                Objects in violation
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {burnDown.points.map(point => (
              <TableRow key={point.date}>
                <TableCell component="th" scope="row">
                  {point.date}
                </TableCell>
                <TableCell align="right">{point.objects}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ReadableTable>
      </Box>
    </Box>
  );
}
