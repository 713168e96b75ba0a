import { InputError } from '@backstage/errors';
import { mostSerious } from './duplicates';
import {
  ProvisionedNamespaceRow,
  resultKey,
  ResultRow,
  toNamespaceRow,
  toRow,
} from './rows';
import { SourceSelection } from './sources';
import { toTimestamp } from './timestamps';
import type {
  MarkClusterFailedInput,
  ProvisionedNamespace,
  ReplaceClusterResultsInput,
  StoredResult,
} from './types';

/**
 * A cluster audit checked for what the tables need. The results come from clusters (PolicyReports included), not
 * from a person, so the store checks them itself: nothing that breaks its invariants is written.
 */
export interface ClusterAudit {
  cluster: string;
  environment: string;
  auditedAt: string;
  sources: SourceSelection;
  /** The audit's results by key, duplicates merged into the most serious. */
  incoming: Map<string, Omit<ResultRow, 'first_seen' | 'last_seen'>>;
  /** Undefined when the audit leaves the recorded namespaces as they are. */
  namespaceRows?: ProvisionedNamespaceRow[];
}

/** A failed cluster audit checked for what the table needs. */
export interface ClusterFailure {
  cluster: string;
  environment: string;
  failedAt: string;
  error: string;
}

export function requireName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InputError(`${what} must be a non-empty string`);
  }
  return value;
}

/** The cluster an audit is of, its environment and when the audit ran, in the order they are checked. */
export function clusterAt(
  input: { cluster: string; environment: string },
  time: Date,
  what: string,
) {
  return {
    cluster: requireName(input.cluster, 'cluster'),
    environment: requireName(input.environment, 'environment'),
    at: toTimestamp(time, what),
  };
}

/**
 * Checks results reported for one cluster: each must be of that cluster, its environment and a replaced source.
 * Returns their rows in the order given.
 */
export function checkResults(
  results: unknown,
  target: { cluster: string; environment: string; sources: SourceSelection },
): Array<Omit<ResultRow, 'first_seen' | 'last_seen'>> {
  const { cluster, environment, sources } = target;
  if (!Array.isArray(results)) {
    throw new InputError('results must be a list');
  }
  return results.map((result: StoredResult, index) => {
    const row = toRow(result, index);
    if (row.cluster !== cluster) {
      throw new InputError(
        `results[${index}].cluster is '${row.cluster}', but this audit is of cluster '${cluster}'`,
      );
    }
    if (row.environment !== environment) {
      throw new InputError(
        `results[${index}].environment is '${row.environment}', but cluster '${cluster}' is in environment '${environment}'`,
      );
    }
    if (!sources.includes(row.source)) {
      throw new InputError(
        `results[${index}].source is '${
          row.source
        }', which this audit does not replace (sources: ${sources.describe()})`,
      );
    }
    return row;
  });
}

/** Checks an audit's results: each must be of the audited cluster, its environment and a replaced source. */
export function parseClusterAudit(
  input: ReplaceClusterResultsInput,
): ClusterAudit {
  const {
    cluster,
    environment,
    at: auditedAt,
  } = clusterAt(input, input.auditedAt, 'auditedAt');
  const sources = SourceSelection.parse(input.sources);
  const rows = checkResults(input.results, { cluster, environment, sources });
  return {
    cluster,
    environment,
    auditedAt,
    sources,
    incoming: mostSerious(rows, resultKey),
    namespaceRows:
      input.provisionedNamespaces === undefined
        ? undefined
        : namespacesToRows(input.provisionedNamespaces, cluster, auditedAt),
  };
}

export function parseClusterFailure(
  input: MarkClusterFailedInput,
): ClusterFailure {
  const { cluster, environment, at } = clusterAt(
    input,
    input.failedAt,
    'failedAt',
  );
  if (typeof input.error !== 'string') {
    throw new InputError('error must be a string describing the failure');
  }
  return { cluster, environment, failedAt: at, error: input.error };
}

/** The given provisioned namespaces as rows, one per namespace name. */
export function namespacesToRows(
  given: Array<Omit<ProvisionedNamespace, 'cluster'>>,
  cluster: string,
  auditedAt: string,
): ProvisionedNamespaceRow[] {
  if (!Array.isArray(given)) {
    throw new InputError('provisionedNamespaces must be a list');
  }
  const byName = new Map<string, ProvisionedNamespaceRow>();
  given.forEach((namespace, index) => {
    const row = toNamespaceRow(namespace, index, cluster, auditedAt);
    const previous = byName.get(row.namespace);
    if (previous && previous.entity_ref !== row.entity_ref) {
      throw new InputError(
        `provisionedNamespaces[${index}]: namespace '${row.namespace}' is given for both ${previous.entity_ref} and ${row.entity_ref}`,
      );
    }
    byName.set(row.namespace, row);
  });
  return [...byName.values()];
}
