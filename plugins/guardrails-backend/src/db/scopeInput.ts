import { InputError } from '@backstage/errors';
import {
  checkResults,
  clusterAt,
  namespacesToRows,
  requireName,
} from './clusterAuditInput';
import { mostSerious } from './duplicates';
import { isNamespaceObject } from './scopeFilters';
import { ProvisionedNamespaceRow, resultKey, ResultRow } from './rows';
import { SourceSelection } from './sources';
import type { ClusterObjectScope, ReplaceScopeResultsInput } from './types';

/** Scopes of one call, namespaces and cluster-scoped objects together; far more than a cluster has changing at once. */
export const MAX_SCOPES = 100_000;
/** Sources of one call; a cluster has a handful. */
export const MAX_SOURCES = 100;

/** A scoped replacement checked for what the tables need. */
export interface ScopeReplacement {
  cluster: string;
  environment: string;
  evaluatedAt: string;
  /** Exact source names, without repeats. */
  sources: string[];
  /** Namespace names, without repeats. */
  namespaces: string[];
  /** Cluster-scoped objects other than namespaces, without repeats. */
  clusterObjects: ClusterObjectScope[];
  /** The results by key, duplicates merged into the most serious. */
  incoming: Map<string, Omit<ResultRow, 'first_seen' | 'last_seen'>>;
  /** The provisioned namespaces that replace the recorded ones of `namespaces`. */
  namespaceRows: ProvisionedNamespaceRow[];
}

function requireList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new InputError(`${what} must be a list`);
  }
  return value;
}

function exactSources(given: unknown): SourceSelection {
  const list = requireList(given, 'sources');
  if (list.length > MAX_SOURCES) {
    throw new InputError(
      `sources holds ${list.length} names; at most ${MAX_SOURCES} are replaced at once`,
    );
  }
  const selection = SourceSelection.parse(list as string[]);
  if (selection.hasFamilies) {
    throw new InputError(
      `sources of a scoped replacement must be exact names, got ${selection.describe()}`,
    );
  }
  return selection;
}

const objectKey = (apiVersion: string, kind: string, name: string) =>
  JSON.stringify([apiVersion, kind, name]);

function uniqueClusterObjects(given: unknown): Map<string, ClusterObjectScope> {
  const objects = new Map<string, ClusterObjectScope>();
  requireList(given, 'clusterObjects').forEach((value, index) => {
    const at = `clusterObjects[${index}]`;
    if (!value || typeof value !== 'object') {
      throw new InputError(
        `${at} must be an object with apiVersion, kind and name`,
      );
    }
    const object = value as ClusterObjectScope;
    const apiVersion = requireName(object.apiVersion, `${at}.apiVersion`);
    const kind = requireName(object.kind, `${at}.kind`);
    const name = requireName(object.name, `${at}.name`);
    // A Namespace's scope holds the objects in it as well; a cluster-object scope of it would leave them stale.
    if (isNamespaceObject(apiVersion, kind)) {
      throw new InputError(
        `${at} is Namespace '${name}'; give namespaces in namespaces`,
      );
    }
    objects.set(objectKey(apiVersion, kind, name), { apiVersion, kind, name });
  });
  return objects;
}

/**
 * Checks a scoped replacement: the results must be of the cluster, its environment and a replaced source, as a
 * cluster audit's are, and each must lie in one of the scopes, so that nothing outside them is written.
 */
export function parseScopeReplacement(
  input: ReplaceScopeResultsInput,
): ScopeReplacement {
  const {
    cluster,
    environment,
    at: evaluatedAt,
  } = clusterAt(input, input.evaluatedAt, 'evaluatedAt');
  const sources = exactSources(input.sources);
  const namespaces = new Set(
    requireList(input.namespaces, 'namespaces').map((namespace, index) =>
      requireName(namespace, `namespaces[${index}]`),
    ),
  );
  const clusterObjects = uniqueClusterObjects(input.clusterObjects);
  if (namespaces.size + clusterObjects.size > MAX_SCOPES) {
    throw new InputError(
      `${namespaces.size} namespaces and ${clusterObjects.size} cluster objects given; at most ${MAX_SCOPES} scopes are replaced at once`,
    );
  }

  const rows = checkResults(input.results, {
    cluster,
    environment,
    sources,
  });
  const inScope = (row: Omit<ResultRow, 'first_seen' | 'last_seen'>) => {
    if (row.namespace !== '') {
      return namespaces.has(row.namespace);
    }
    // A Namespace object is in its own namespace's scope.
    if (isNamespaceObject(row.api_version, row.kind)) {
      return namespaces.has(row.name);
    }
    return clusterObjects.has(objectKey(row.api_version, row.kind, row.name));
  };
  rows.forEach((row, index) => {
    if (!inScope(row)) {
      const where = row.namespace ? ` in namespace '${row.namespace}'` : '';
      throw new InputError(
        `results[${index}] is of ${row.api_version} ${row.kind} '${row.name}'${where}, outside the replaced scopes`,
      );
    }
  });

  const namespaceRows = namespacesToRows(
    input.provisionedNamespaces,
    cluster,
    evaluatedAt,
  );
  for (const row of namespaceRows) {
    if (!namespaces.has(row.namespace)) {
      throw new InputError(
        `provisionedNamespaces: namespace '${row.namespace}' is not among the replaced namespaces`,
      );
    }
  }

  return {
    cluster,
    environment,
    evaluatedAt,
    sources: [...sources.exact],
    namespaces: [...namespaces],
    clusterObjects: [...clusterObjects.values()],
    incoming: mostSerious(rows, resultKey),
    namespaceRows,
  };
}
