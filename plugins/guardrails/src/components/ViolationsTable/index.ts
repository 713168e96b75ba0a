export { ViolationsTable } from './ViolationsTable';
