export { ReadableTable } from './ReadableTable';
