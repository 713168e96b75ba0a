export { EntityTrend } from './EntityTrend';
