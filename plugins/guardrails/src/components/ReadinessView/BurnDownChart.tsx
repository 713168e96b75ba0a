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
import {
  ChartAxes,
  chartFrame,
  ChartSvg,
  positionScale,
  splitRuns,
  valueScale,
} from '../charts';

const FRAME = chartFrame(640, 180);
const DAY_MS = 24 * 60 * 60 * 1000;

type BurnDown = ApiReadinessChange['burnDown'];

const useStyles = makeStyles({
  // A date never splits at its hyphens where a caption or sentence wraps.
  date: { whiteSpace: 'nowrap' },
});

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
    const scale = valueScale(
      FRAME,
      burnDown.points.map(p => p.objects),
    );
    const toX = positionScale(
      FRAME,
      dayNumber(burnDown.from),
      dayNumber(burnDown.to),
    );
    const x = (date: string) => toX(dayNumber(date));
    // Consecutive recorded days are joined; a missing day breaks the line.
    const runs = splitRuns(
      burnDown.points,
      (previous, next) => dayNumber(next.date) - dayNumber(previous.date) === 1,
    );
    // A burn-down of one day has one date under it, not two drawn over each other.
    const labels = (
      burnDown.from === burnDown.to
        ? [burnDown.from]
        : [burnDown.from, burnDown.to]
    ).map((date, i) => ({
      x: x(date),
      text: date,
      anchor: i === 0 ? ('start' as const) : ('end' as const),
    }));
    return { scale, x, runs, labels };
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
      <ChartSvg frame={FRAME} title={title} description={summary}>
        <ChartAxes
          frame={FRAME}
          scale={geometry.scale}
          labels={geometry.labels}
        />
        {geometry.runs.map(run => (
          <polyline
            key={run[0].date}
            fill="none"
            stroke={colour}
            strokeWidth={2}
            points={run
              .map(p => `${geometry.x(p.date)},${geometry.scale.y(p.objects)}`)
              .join(' ')}
          />
        ))}
        {burnDown.points.map(p => (
          <circle
            key={p.date}
            cx={geometry.x(p.date)}
            cy={geometry.scale.y(p.objects)}
            r={3}
            fill={colour}
          />
        ))}
      </ChartSvg>
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
