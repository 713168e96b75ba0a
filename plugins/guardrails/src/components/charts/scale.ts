/** A chart's size in SVG units and the margins its axis labels take. */
export interface ChartFrame {
  width: number;
  height: number;
  pad: { top: number; right: number; bottom: number; left: number };
}

// Room for the values left of the plot and the dates under it; a little at the top and right keeps the top
// value's label and the last date inside the image.
const PAD = { top: 12, right: 16, bottom: 28, left: 40 };

/** A chart's frame of `width` by `height`, with `labelWidth` left of the plot for the values. */
export function chartFrame(
  width: number,
  height: number,
  labelWidth = PAD.left,
): ChartFrame {
  return { width, height, pad: { ...PAD, left: labelWidth } };
}

/** The value (vertical) axis: its rounded top, the ticks drawn on it, and where a value is drawn. */
export interface ValueScale {
  max: number;
  ticks: number[];
  y: (value: number) => number;
}

/** Rounds the top of the axis up to 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find(m => m * power >= value) ?? 10;
  return step * power;
}

/** A value axis from 0 to a round number at or above every value, with a tick at 0, half way and the top. */
export function valueScale(frame: ChartFrame, values: number[]): ValueScale {
  const max = niceMax(Math.max(0, ...values));
  const innerH = frame.height - frame.pad.top - frame.pad.bottom;
  return {
    max,
    ticks: [0, max / 2, max],
    y: value => frame.pad.top + innerH - (value / max) * innerH,
  };
}

/** Places `first`..`last` across the frame's width; a span of nothing starts at the left edge. */
export function positionScale(
  frame: ChartFrame,
  first: number,
  last: number,
): (position: number) => number {
  const innerW = frame.width - frame.pad.left - frame.pad.right;
  const span = Math.max(1, last - first);
  return position => frame.pad.left + ((position - first) * innerW) / span;
}

/** Places `count` evenly spaced points across the frame's width; a single point stands in the middle. */
export function indexScale(
  frame: ChartFrame,
  count: number,
): (index: number) => number {
  if (count <= 1) {
    const innerW = frame.width - frame.pad.left - frame.pad.right;
    return () => frame.pad.left + innerW / 2;
  }
  return positionScale(frame, 0, count - 1);
}

/** The first, middle and last of `count` points, each once: the ones an axis labels. */
export function labelIndexes(count: number): number[] {
  return [...new Set([0, Math.floor((count - 1) / 2), count - 1])].filter(
    i => i >= 0,
  );
}
