export { GuardrailsStore } from './GuardrailsStore';
export type {
  StoredResult,
  ClusterAuditStatus,
  EntitySummaryRow,
  DistributionRow,
  HistoryRow,
  ReplaceClusterResultsInput,
  ReplaceClusterResultsOutcome,
  MarkClusterFailedInput,
  ProvisionedNamespace,
  EntityStatusTime,
} from './types';
