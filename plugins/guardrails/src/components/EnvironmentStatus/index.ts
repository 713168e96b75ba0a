export { EnvironmentStatusCards } from './EnvironmentStatusCards';
export { StaleClusterAlert } from './StaleClusterAlert';
export { MissingClusterAlert } from './MissingClusterAlert';
