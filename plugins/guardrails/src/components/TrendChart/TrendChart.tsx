import {
  Box,
  Button,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
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
import {
  ChartAxes,
  chartFrame,
  ChartLegend,
  ChartSvg,
  indexScale,
  labelIndexes,
  valueScale,
} from '../charts';

const FRAME = chartFrame(640, 220);

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

/**
 * Daily violations as a line chart drawn in SVG, with a text summary for screen readers and the same numbers as a
 * table on request.
 */
export function TrendChart(props: { days: TrendDay[]; title: string }) {
  const { days, title } = props;
  const theme = useTheme();
  const id = useId();
  const [showTable, setShowTable] = useState(false);

  const colours: Record<TrendSeries, string> = {
    failing: theme.palette.error.main,
    warning: theme.palette.warning.main,
    errors: theme.palette.text.secondary,
  };

  const geometry = useMemo(() => {
    const scale = valueScale(
      FRAME,
      days.flatMap(d => [d.failing, d.warning, d.errors]),
    );
    const x = indexScale(FRAME, days.length);
    const lines = Object.fromEntries(
      TREND_SERIES.map(series => [
        series,
        days.map((d, i) => `${x(i)},${scale.y(d[series])}`).join(' '),
      ]),
    ) as Record<TrendSeries, string>;
    const labels = labelIndexes(days.length).map(i => ({
      x: x(i),
      text: days[i].date,
      anchor: 'middle' as const,
    }));
    return { scale, lines, labels };
  }, [days]);

  const summary = useMemo(() => describeTrend(days), [days]);

  return (
    <Box>
      <ChartSvg frame={FRAME} title={title} description={summary}>
        <ChartAxes
          frame={FRAME}
          scale={geometry.scale}
          labels={geometry.labels}
        />
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
      </ChartSvg>
      <ChartLegend
        entries={TREND_SERIES.map(series => ({
          label: LABELS[series],
          colour: colours[series],
          dash: DASHES[series],
        }))}
      />
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
