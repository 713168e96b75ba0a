export { DatabaseGuardrailsStore } from './DatabaseGuardrailsStore';
export type {
  ClusterAuditStore,
  GuardrailsStore,
  HistoryStore,
  ResultStore,
  StatusTimeStore,
} from './GuardrailsStore';
export type {
  StoredResult,
  ClusterAuditStatus,
  EntitySummaryRow,
  DistributionRow,
  HistoryRow,
  ReplaceClusterResultsInput,
  ReplaceClusterResultsOutcome,
  ReplaceScopeResultsInput,
  ClusterObjectScope,
  MarkClusterFailedInput,
  ProvisionedNamespace,
  EntityStatusTime,
} from './types';
export type {
  QuotaNamespace,
  StoredQuotaNamespace,
  QuotaUsage,
  QuotaUsageStore,
  StoredQuotaUsage,
  DailyQuotaUsage,
  DailyReserved,
} from './QuotaUsageStore';
