export { EnvironmentLevels } from './EnvironmentLevels';
