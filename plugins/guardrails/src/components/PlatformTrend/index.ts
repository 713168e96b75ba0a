export { PlatformTrend } from './PlatformTrend';
