import { DEFAULT_HISTORY_LIMITS } from '../store/changeHistory';
import { WatchOptions } from '../types';
import { WatchSettings } from './WatchHub';

/** kube-apiserver's watch cache sends bookmarks about once a minute. */
const BOOKMARK_INTERVAL_MS = 60_000;
/** kube-apiserver's `--min-request-timeout` default. */
const MIN_REQUEST_TIMEOUT_SECONDS = 1800;

function positive(
  options: WatchOptions,
  field: keyof WatchOptions,
  fallback: number,
  integer: boolean,
): number {
  const value = options[field];
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !(value > 0) ||
    (integer && !Number.isInteger(value))
  ) {
    throw new Error(
      `watch.${field} must be a positive ${
        integer ? 'integer' : 'number'
      }, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** The watch options with their defaults; throws an error naming a bad field. */
export function watchSettings(
  options: WatchOptions | undefined,
  hooks: Pick<WatchSettings, 'dropAfterMs' | 'onBytes'>,
): WatchSettings {
  const given = options ?? {};
  if (typeof given !== 'object')
    throw new Error('watch must be an object of watch options');
  return {
    history: {
      limit: positive(
        given,
        'historyLimit',
        DEFAULT_HISTORY_LIMITS.limit,
        true,
      ),
      minimum: positive(
        given,
        'historyMinimum',
        DEFAULT_HISTORY_LIMITS.minimum,
        true,
      ),
      freshMs: positive(
        given,
        'historyFreshMs',
        DEFAULT_HISTORY_LIMITS.freshMs,
        false,
      ),
    },
    bookmarkIntervalMs: positive(
      given,
      'bookmarkIntervalMs',
      BOOKMARK_INTERVAL_MS,
      false,
    ),
    minRequestTimeoutSeconds: positive(
      given,
      'minRequestTimeoutSeconds',
      MIN_REQUEST_TIMEOUT_SECONDS,
      false,
    ),
    ...hooks,
  };
}
