/** Backoff settings of retried requests. @public */
export interface BackoffSettings {
  /** First retry waits around this long; each further retry doubles it. Defaults to 250 ms. */
  baseDelayMs: number;
  /** Upper bound of one computed wait. Defaults to 5 s. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this ends the retries instead of waiting. Defaults to 30 s. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = {
  baseDelayMs: 250,
  maxDelayMs: 5000,
  maxRetryAfterMs: 30_000,
};

/**
 * Statuses worth another attempt: throttling and server-side failures. 409 is deliberately not
 * here: the only writes this client makes are server-side applies and deletes without
 * preconditions, where a 409 is a field-ownership conflict that repeats identically on every
 * attempt; it goes back to the caller as a ClusterConflictError instead.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Exponential backoff with jitter: half fixed, half random, so clients spread out. */
export function backoffDelay(retry: number, settings: BackoffSettings): number {
  const ceiling = Math.min(
    settings.maxDelayMs,
    settings.baseDelayMs * 2 ** (retry - 1),
  );
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** The wait a `Retry-After` header asks for (seconds or an HTTP date), in milliseconds. */
export function parseRetryAfter(
  header: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!header) {
    return undefined;
  }
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
