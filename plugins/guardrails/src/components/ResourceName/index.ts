export { ResourceName } from './ResourceName';
