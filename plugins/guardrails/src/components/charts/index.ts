export { ChartAxes } from './ChartAxes';
export type { AxisLabel } from './ChartAxes';
export { ChartLegend } from './ChartLegend';
export type { LegendEntry } from './ChartLegend';
export { ChartSvg } from './ChartSvg';
export { splitRuns } from './runs';
export {
  chartFrame,
  indexScale,
  labelIndexes,
  positionScale,
  valueScale,
} from './scale';
export type { ChartFrame, ValueScale } from './scale';
