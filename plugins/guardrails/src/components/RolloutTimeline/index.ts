export { RolloutTimeline } from './RolloutTimeline';
