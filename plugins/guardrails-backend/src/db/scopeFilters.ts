import { Knex } from 'knex';
import { MAX_PARAMETERS_PER_STATEMENT } from './chunks';
import type { ClusterObjectScope } from './types';

/** The core Namespace, whose results are in its namespace's scope; any other kind of that name is an object of its own. */
export function isNamespaceObject(apiVersion: string, kind: string): boolean {
  return apiVersion === 'v1' && kind === 'Namespace';
}

/** Narrows a query on the results table to some of the scopes. */
export type ScopeFilter = (query: Knex.QueryBuilder) => Knex.QueryBuilder;

function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/**
 * The scopes as filters of at most `MAX_PARAMETERS_PER_STATEMENT` bound parameters each, `reserved` of them left
 * for the rest of the statement. Each row in scope matches exactly one filter: objects in a namespace, the
 * Namespace objects and the other cluster-scoped objects are told apart by `namespace`, `api_version` and `kind`.
 */
export function scopeFilters(
  scopes: { namespaces: string[]; clusterObjects: ClusterObjectScope[] },
  reserved: number,
): ScopeFilter[] {
  // A filter also binds '', 'v1' and 'Namespace'.
  const room = Math.max(3, MAX_PARAMETERS_PER_STATEMENT - reserved - 3);
  const filters: ScopeFilter[] = [];
  // The index on (cluster, namespace) finds both the objects in these namespaces and the cluster-scoped ones.
  for (const names of chunked(scopes.namespaces, room)) {
    filters.push(query => query.whereIn('namespace', names));
    filters.push(query =>
      query
        .where({ namespace: '', api_version: 'v1', kind: 'Namespace' })
        .whereIn('name', names),
    );
  }
  const objects = scopes.clusterObjects.map(o => [
    o.apiVersion,
    o.kind,
    o.name,
  ]);
  for (const keys of chunked(objects, Math.floor(room / 3))) {
    filters.push(query =>
      query
        .where({ namespace: '' })
        .whereIn(['api_version', 'kind', 'name'], keys),
    );
  }
  return filters;
}

/** The namespaces in chunks that fit one statement with `reserved` other parameters. */
export function namespaceChunks(
  namespaces: string[],
  reserved: number,
): string[][] {
  return chunked(
    namespaces,
    Math.max(1, MAX_PARAMETERS_PER_STATEMENT - reserved),
  );
}
