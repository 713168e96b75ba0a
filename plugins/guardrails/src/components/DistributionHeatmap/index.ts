export { DistributionHeatmap } from './DistributionHeatmap';
