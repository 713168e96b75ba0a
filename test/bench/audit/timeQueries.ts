import { Knex } from 'knex';

type QueryData = { __knexQueryUid?: string };

/**
 * The time during which at least one of the database's queries is in flight, as knex reports their start and end:
 * concurrent queries count once, so it reads against the wall time.
 */
export function timeQueries(knex: Knex): { reset(): void; ms(): number } {
  const inFlight = new Set<string>();
  let busySince = 0;
  let total = 0;
  knex.on('query', (query: QueryData) => {
    if (!query.__knexQueryUid) return;
    if (inFlight.size === 0) busySince = performance.now();
    inFlight.add(query.__knexQueryUid);
  });
  const end = (query: QueryData) => {
    if (!query.__knexQueryUid || !inFlight.delete(query.__knexQueryUid)) {
      return;
    }
    if (inFlight.size === 0) total += performance.now() - busySince;
  };
  knex.on('query-response', (_response: unknown, query: QueryData) =>
    end(query),
  );
  knex.on('query-error', (_error: unknown, query: QueryData) => end(query));
  return {
    reset: () => {
      total = 0;
    },
    ms: () => total,
  };
}
