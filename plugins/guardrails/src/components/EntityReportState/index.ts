export { EntityReportState } from './EntityReportState';
