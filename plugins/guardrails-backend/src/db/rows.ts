import {
  AppliedExemption,
  normalizeEntityRef,
  ENFORCEMENT_LEVELS,
  EnforcementLevel,
  GUARDRAIL_CATEGORIES,
  GUARDRAIL_SEVERITIES,
  GuardrailCategory,
  GuardrailSeverity,
  RESULT_STATUSES,
  ResultStatus,
} from '@guardrails-dev/plugin-guardrails-common';
import { InputError } from '@backstage/errors';
import type { ProvisionedNamespace, StoredResult } from './types';

export const RESULTS_TABLE = 'guardrail_results';
export const CLUSTERS_TABLE = 'guardrail_cluster_audits';
export const DAILY_COUNTS_TABLE = 'guardrail_daily_counts';
export const PROVISIONED_NAMESPACES_TABLE = 'guardrail_provisioned_namespaces';
export const ENTITY_STATUS_TIMES_TABLE = 'guardrail_entity_status_times';

/** A row of the results table. */
export interface ResultRow {
  cluster: string;
  source: string;
  guardrail: string;
  api_version: string;
  kind: string;
  namespace: string;
  name: string;
  environment: string;
  entity_ref: string | null;
  owner: string | null;
  result: ResultStatus;
  level: EnforcementLevel;
  severity: GuardrailSeverity;
  category: GuardrailCategory;
  title: string;
  message: string | null;
  exemption: string | null;
  first_seen: string;
  last_seen: string;
}

export interface ClusterRow {
  cluster: string;
  environment: string;
  last_success_at: string | null;
  last_failure_at: string | null;
  last_error: string | null;
}

export interface DailyCountRow {
  date: string;
  entity_ref: string;
  environment: string;
  guardrail: string;
  failing: number;
  warning: number;
  errors: number;
}

/** A row of the entity status times table. */
export interface EntityStatusTimeRow {
  entity_ref: string;
  status_key: string;
  evaluated_at: string;
}

/** A row of the provisioned namespaces table. */
export interface ProvisionedNamespaceRow {
  cluster: string;
  namespace: string;
  environment: string;
  entity_ref: string;
  last_seen: string;
}

/** The columns that identify a result within a cluster and source. */
export type ResultKeyParts = Pick<
  ResultRow,
  | 'cluster'
  | 'source'
  | 'guardrail'
  | 'api_version'
  | 'kind'
  | 'namespace'
  | 'name'
>;

export function resultKey(row: ResultKeyParts): string {
  return JSON.stringify([
    row.cluster,
    row.source,
    row.guardrail,
    row.api_version,
    row.kind,
    row.namespace,
    row.name,
  ]);
}

/**
 * Entity refs compare case-insensitively in Backstage; the store keeps them in lower case. `toLowerCase` maps case
 * exactly as `toLocaleLowerCase('en-US')` does, without the locale lookup that made it a hot spot of every audit.
 */
export function normalizeRef(ref: string): string {
  return ref.toLowerCase();
}

function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InputError(`${what} must be a non-empty string`);
  }
  return value;
}

function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  what: string,
): T {
  if (!allowed.includes(value as T)) {
    throw new InputError(
      `${what} must be one of ${allowed.join(', ')}, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value as T;
}

/**
 * Converts a result to a row without its times, checking what the table needs. Passing results keep no message:
 * they are the bulk of the table and nothing shows one.
 */
export function toRow(
  result: StoredResult,
  index: number,
): Omit<ResultRow, 'first_seen' | 'last_seen'> {
  const at = `results[${index}]`;
  if (!result || typeof result !== 'object' || !result.resource) {
    throw new InputError(`${at} must be a result with a resource`);
  }
  const status = requireOneOf(result.result, RESULT_STATUSES, `${at}.result`);
  return {
    cluster: requireText(result.cluster, `${at}.cluster`),
    source: requireText(result.source, `${at}.source`),
    guardrail: requireText(result.guardrail, `${at}.guardrail`),
    api_version: requireText(
      result.resource.apiVersion,
      `${at}.resource.apiVersion`,
    ),
    kind: requireText(result.resource.kind, `${at}.resource.kind`),
    namespace: result.resource.namespace ?? '',
    name: requireText(result.resource.name, `${at}.resource.name`),
    environment: requireText(result.environment, `${at}.environment`),
    entity_ref: result.entityRef ? normalizeRef(result.entityRef) : null,
    owner: result.owner || null,
    result: status,
    level: requireOneOf(result.level, ENFORCEMENT_LEVELS, `${at}.level`),
    severity: requireOneOf(
      result.severity,
      GUARDRAIL_SEVERITIES,
      `${at}.severity`,
    ),
    category: requireOneOf(
      result.category,
      GUARDRAIL_CATEGORIES,
      `${at}.category`,
    ),
    title: typeof result.title === 'string' ? result.title : '',
    message: status === 'pass' ? null : result.message ?? '',
    exemption: result.exemption ? JSON.stringify(result.exemption) : null,
  };
}

export function fromRow(row: ResultRow): StoredResult {
  const result: StoredResult = {
    guardrail: row.guardrail,
    title: row.title,
    resource: {
      apiVersion: row.api_version,
      kind: row.kind,
      ...(row.namespace ? { namespace: row.namespace } : {}),
      name: row.name,
      cluster: row.cluster,
      environment: row.environment,
    },
    result: row.result,
    level: row.level,
    message: row.message ?? '',
    severity: row.severity,
    category: row.category,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    source: row.source,
    cluster: row.cluster,
    environment: row.environment,
  };
  if (row.exemption) {
    result.exemption = JSON.parse(row.exemption) as AppliedExemption;
  }
  if (row.entity_ref) {
    result.entityRef = row.entity_ref;
  }
  if (row.owner) {
    result.owner = row.owner;
  }
  return result;
}

/** Orders by code unit, the same on every database whatever its collation. */
export function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** A stable order independent of the database's collation: environment, cluster, guardrail, object, source. */
export function compareRows(a: ResultRow, b: ResultRow): number {
  const fields = [
    'environment',
    'cluster',
    'guardrail',
    'kind',
    'namespace',
    'name',
    'api_version',
    'source',
  ] as const;
  for (const field of fields) {
    const order = compareText(a[field], b[field]);
    if (order !== 0) {
      return order;
    }
  }
  return 0;
}

/** Converts a provisioned namespace of one cluster's audit to a row, checking what the table needs. */
export function toNamespaceRow(
  input: Omit<ProvisionedNamespace, 'cluster'>,
  index: number,
  cluster: string,
  auditedAt: string,
): ProvisionedNamespaceRow {
  const at = `provisionedNamespaces[${index}]`;
  if (!input || typeof input !== 'object') {
    throw new InputError(
      `${at} must be a namespace with its environment and entity ref`,
    );
  }
  const entityRef = requireText(input.entityRef, `${at}.entityRef`);
  const normalized = normalizeEntityRef(entityRef);
  if (!normalized) {
    throw new InputError(
      `${at}.entityRef must be a full entity ref (kind:namespace/name), got '${entityRef}'`,
    );
  }
  return {
    cluster,
    namespace: requireText(input.namespace, `${at}.namespace`),
    environment: requireText(input.environment, `${at}.environment`),
    entity_ref: normalized,
    last_seen: auditedAt,
  };
}

export function fromNamespaceRow(
  row: ProvisionedNamespaceRow,
): ProvisionedNamespace {
  return {
    cluster: row.cluster,
    namespace: row.namespace,
    environment: row.environment,
    entityRef: row.entity_ref,
  };
}
