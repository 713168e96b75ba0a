import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { mapWithConcurrency } from '../audit/concurrency';

/** How many refreshes one audit asks for at most; the rest wait for the catalog's processing pass. */
export const MAX_REFRESHES_PER_AUDIT = 500;
/** Refresh requests in flight at once: each is one small request and transaction in the catalog. */
export const REFRESH_CONCURRENCY = 4;

export interface CatalogRefresherOptions {
  catalog: Pick<CatalogService, 'refreshEntity'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  logger: LoggerService;
  maxPerAudit?: number;
  concurrency?: number;
}

/** What one round of refresh requests came to. */
export interface RefreshOutcome {
  requested: number;
  /** Refs the catalog does not have (a namespace never registered, an entity since removed). */
  notInCatalog: number;
  failed: number;
  /** Beyond the cap: left to the catalog's processing pass. */
  deferred: number;
}

/**
 * Asks the catalog to process entities again now, rather than at their next processing pass, so that their labels
 * follow a status change within seconds. Bounded (deduplicated, capped per call, a few requests at a time) and never
 * failing: a refresh not made only means the label waits for the processing pass.
 */
export class CatalogRefresher {
  constructor(private readonly options: CatalogRefresherOptions) {}

  async refresh(entityRefs: Iterable<string>): Promise<RefreshOutcome> {
    const { catalog, auth, logger } = this.options;
    const max = this.options.maxPerAudit ?? MAX_REFRESHES_PER_AUDIT;
    const unique = [...new Set([...entityRefs].map(r => r.toLowerCase()))];
    const now = unique.slice(0, max);
    const outcome: RefreshOutcome = {
      requested: 0,
      notInCatalog: 0,
      failed: 0,
      deferred: unique.length - now.length,
    };
    if (unique.length === 0) return outcome;
    let firstError: unknown;
    try {
      const credentials = await auth.getOwnServiceCredentials();
      await mapWithConcurrency(
        now,
        this.options.concurrency ?? REFRESH_CONCURRENCY,
        async entityRef => {
          try {
            await catalog.refreshEntity(entityRef, { credentials });
            outcome.requested += 1;
          } catch (error) {
            if (isNotFound(error)) {
              outcome.notInCatalog += 1;
            } else {
              outcome.failed += 1;
              firstError ??= error;
            }
          }
        },
      );
    } catch (error) {
      outcome.failed = now.length - outcome.requested - outcome.notInCatalog;
      firstError ??= error;
    }
    const notInCatalog =
      outcome.notInCatalog > 0
        ? `, ${outcome.notInCatalog} not in the catalog`
        : '';
    const deferred =
      outcome.deferred > 0
        ? `; ${outcome.deferred} more beyond the limit of ${max} per audit are left to the catalog's processing pass`
        : '';
    const line = `Asked the catalog to refresh ${entities(
      outcome.requested,
    )} whose guardrails status changed${notInCatalog}${deferred}`;
    if (outcome.failed > 0) {
      logger.warn(
        `${line}; ${outcome.failed} refreshes failed and wait for the catalog's processing pass: ${firstError}`,
      );
    } else {
      logger.info(line);
    }
    return outcome;
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as
    | { name?: string; statusCode?: number; response?: { status?: number } }
    | undefined;
  return (
    e?.name === 'NotFoundError' ||
    e?.statusCode === 404 ||
    e?.response?.status === 404
  );
}

function entities(n: number): string {
  return n === 1 ? '1 entity' : `${n} entities`;
}
