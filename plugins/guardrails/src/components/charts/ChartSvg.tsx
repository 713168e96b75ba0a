import { makeStyles } from '@material-ui/core';
import { ReactNode, useId } from 'react';
import { ChartFrame } from './scale';

const useStyles = makeStyles({
  svg: { width: '100%', height: 'auto', display: 'block' },
});

/**
 * A chart drawn in SVG that scales to its container's width, announced as one image named by its title and
 * described by a summary of what it shows.
 */
export function ChartSvg(props: {
  frame: ChartFrame;
  title: string;
  /** What the chart shows, in words, for screen readers. */
  description: string;
  children: ReactNode;
}) {
  const { frame, title, description, children } = props;
  const classes = useStyles();
  const id = useId();
  return (
    <svg
      className={classes.svg}
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}
