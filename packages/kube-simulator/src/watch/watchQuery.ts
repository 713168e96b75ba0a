import { ApiError, badRequest } from '../api/status';

/** The options of a watch request, checked as kube-apiserver checks them. */
export interface WatchQuery {
  /**
   * Start after this resourceVersion; undefined for `""` and `"0"`, which start with the current state as
   * ADDED events (unless `sendInitialEvents=false`).
   */
  resourceVersion?: number;
  /** Whether to send the current state first: `sendInitialEvents`, else true exactly when no resourceVersion. */
  initialEvents: boolean;
  /** `sendInitialEvents=true`: a bookmark marks the end of the initial state. */
  initialEventsEnd: boolean;
  allowBookmarks: boolean;
  /** `timeoutSeconds`, when given and not 0. */
  timeoutSeconds?: number;
}

/** A boolean query parameter as the API server decodes it: absent is false; `0`, `false`, `f` are false. */
function queryBool(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  return !['0', 'false', 'f'].includes(value.toLowerCase());
}

/** Whether a collection GET is a watch (`watch=1`, `watch=true`, …). */
export function isWatchQuery(query: URLSearchParams): boolean {
  return queryBool(query, 'watch') === true;
}

function forbidden(field: string, detail: string) {
  return {
    field,
    message: `Forbidden: ${detail}`,
    reason: 'FieldValueForbidden',
  };
}

/** ListOptions validation for watches (`validateWatchOptions`), answered with 422 Invalid. */
function validate(query: URLSearchParams, initial: boolean | undefined): void {
  const match = query.get('resourceVersionMatch') ?? '';
  const causes: Array<{ field: string; message: string; reason: string }> = [];
  if (initial !== undefined && match !== 'NotOlderThan')
    causes.push(
      forbidden(
        'resourceVersionMatch',
        'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      ),
    );
  if (match !== '') {
    if (initial === undefined)
      causes.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
        ),
      );
    if (match !== 'NotOlderThan')
      causes.push({
        field: 'resourceVersionMatch',
        message: `Unsupported value: "${match}": supported values: "NotOlderThan"`,
        reason: 'FieldValueNotSupported',
      });
  }
  if (causes.length === 0) return;
  const text = causes.map(c => `${c.field}: ${c.message}`).join(', ');
  throw new ApiError(
    422,
    'Invalid',
    `ListOptions.meta.k8s.io "" is invalid: ${
      causes.length > 1 ? `[${text}]` : text
    }`,
    { name: '', group: 'meta.k8s.io', kind: 'ListOptions', causes },
  );
}

/** `resourceVersion` as the watch cache parses it; not a number is a storage error the API server answers with 500. */
function parseResourceVersion(text: string | null): number | undefined {
  if (text === null || text === '' || text === '0') return undefined;
  if (!/^\d+$/.test(text)) {
    throw new ApiError(
      500,
      '',
      `resourceVersion: Invalid value: "${text}": strconv.ParseUint: parsing ${JSON.stringify(
        text,
      )}: invalid syntax`,
    );
  }
  return Number(text);
}

export function parseWatchQuery(query: URLSearchParams): WatchQuery {
  const sendInitialEvents = queryBool(query, 'sendInitialEvents');
  validate(query, sendInitialEvents);
  const timeoutText = query.get('timeoutSeconds');
  let timeoutSeconds: number | undefined;
  if (timeoutText !== null && timeoutText !== '') {
    if (!/^-?\d+$/.test(timeoutText))
      throw badRequest(
        `strconv.ParseInt: parsing ${JSON.stringify(
          timeoutText,
        )}: invalid syntax`,
      );
    timeoutSeconds = Number(timeoutText) || undefined;
  }
  const resourceVersion = parseResourceVersion(query.get('resourceVersion'));
  return {
    resourceVersion,
    initialEvents: sendInitialEvents ?? resourceVersion === undefined,
    initialEventsEnd: sendInitialEvents === true,
    allowBookmarks: queryBool(query, 'allowWatchBookmarks') === true,
    timeoutSeconds,
  };
}
