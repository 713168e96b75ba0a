export { SeverityLabel } from './SeverityLabel';
