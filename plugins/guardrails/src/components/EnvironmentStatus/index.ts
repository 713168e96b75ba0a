export { EnvironmentStatusCards } from './EnvironmentStatusCards';
export { StaleClusterAlert } from './StaleClusterAlert';
