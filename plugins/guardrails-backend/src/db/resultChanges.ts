import { ConflictError } from '@backstage/errors';
import { resultKey, ResultRow } from './rows';

type IncomingRow = Omit<ResultRow, 'first_seen' | 'last_seen'>;

/** What replacing a cluster's stored results with an audit's writes. */
export interface ResultChanges {
  /** New results, and changed ones with their `first_seen` kept. */
  toInsert: ResultRow[];
  /** Results that changed or that the audit no longer found. */
  toDelete: ResultRow[];
  added: number;
  /** Results stored before and still present: unchanged ones only need their `last_seen` moved. */
  kept: number;
  removed: number;
}

/** Whether a stored row already says what a new result says, times apart. */
function sameContent(stored: ResultRow, incoming: IncomingRow): boolean {
  for (const column of Object.keys(incoming) as Array<keyof IncomingRow>) {
    if (stored[column] !== incoming[column]) {
      return false;
    }
  }
  return true;
}

export function laterOf(a: string | null, b: string): string {
  return a !== null && a > b ? a : b;
}

/**
 * Compares a cluster's stored results with an audit's, so that unchanged results need no rewrite: in a steady state
 * most of a cluster's results are. Rejects an audit older than a stored result.
 */
export function planResultChanges(
  existing: ResultRow[],
  incoming: Map<string, IncomingRow>,
  audit: { cluster: string; auditedAt: string },
): ResultChanges {
  const { cluster, auditedAt } = audit;
  const stored = new Map<string, ResultRow>();
  let newestStored = '';
  for (const row of existing) {
    stored.set(resultKey(row), row);
    newestStored = laterOf(newestStored, row.last_seen);
  }
  if (newestStored > auditedAt) {
    throw new ConflictError(
      `Results of cluster '${cluster}' seen at ${newestStored} are newer than this audit at ${auditedAt}; not replacing them`,
    );
  }

  let kept = 0;
  const toInsert: ResultRow[] = [];
  const toDelete: ResultRow[] = [];
  for (const [key, row] of incoming) {
    const previous = stored.get(key);
    if (previous === undefined) {
      toInsert.push({ ...row, first_seen: auditedAt, last_seen: auditedAt });
      continue;
    }
    kept += 1;
    stored.delete(key);
    if (!sameContent(previous, row)) {
      toDelete.push(previous);
      toInsert.push({
        ...row,
        first_seen: previous.first_seen,
        last_seen: auditedAt,
      });
    }
  }
  // What is left was not seen by this audit.
  toDelete.push(...stored.values());
  return {
    toInsert,
    toDelete,
    added: incoming.size - kept,
    kept,
    removed: stored.size,
  };
}
