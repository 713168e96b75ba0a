import { Typography, makeStyles } from '@material-ui/core';

/** One line of a chart as the legend shows it. */
export interface LegendEntry {
  label: string;
  colour: string;
  /** An SVG dash pattern; a solid line without. */
  dash?: string;
}

const useStyles = makeStyles(theme => ({
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

/** A chart's lines named under it, each beside a short sample of its colour and dash pattern. */
export function ChartLegend(props: { entries: LegendEntry[] }) {
  const classes = useStyles();
  return (
    <ul className={classes.legend} aria-label="Legend">
      {props.entries.map(entry => (
        <li key={entry.label} className={classes.legendItem}>
          <svg width={28} height={8} aria-hidden>
            <line
              x1={0}
              x2={28}
              y1={4}
              y2={4}
              stroke={entry.colour}
              strokeWidth={2}
              strokeDasharray={entry.dash}
            />
          </svg>
          <Typography variant="caption">{entry.label}</Typography>
        </li>
      ))}
    </ul>
  );
}
