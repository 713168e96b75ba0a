import { makeStyles } from '@material-ui/core';
import { ChartFrame, ValueScale } from './scale';

/** A label under the chart at a point of the horizontal axis. */
export interface AxisLabel {
  x: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

const useStyles = makeStyles(theme => ({
  axis: { stroke: theme.palette.divider },
  axisText: { fill: theme.palette.text.secondary, fontSize: 11 },
}));

/**
 * The horizontal grid lines at the value scale's ticks with their values on the left, and the labels under the
 * chart. Drawn inside a chart's SVG, before its lines so that they lie on top.
 */
export function ChartAxes(props: {
  frame: ChartFrame;
  scale: ValueScale;
  labels: AxisLabel[];
  formatTick?: (value: number) => string;
}) {
  const { frame, scale, labels, formatTick = String } = props;
  const classes = useStyles();
  return (
    <>
      {scale.ticks.map(value => (
        <g key={value}>
          <line
            className={classes.axis}
            x1={frame.pad.left}
            x2={frame.width - frame.pad.right}
            y1={scale.y(value)}
            y2={scale.y(value)}
          />
          <text
            className={classes.axisText}
            x={frame.pad.left - 6}
            y={scale.y(value) + 4}
            textAnchor="end"
          >
            {formatTick(value)}
          </text>
        </g>
      ))}
      {labels.map(label => (
        <text
          key={`${label.x} ${label.text}`}
          className={classes.axisText}
          x={label.x}
          y={frame.height - 8}
          textAnchor={label.anchor}
        >
          {label.text}
        </text>
      ))}
    </>
  );
}
