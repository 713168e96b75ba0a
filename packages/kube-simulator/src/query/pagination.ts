import { badRequest } from '../api/status';

/** What a continue token remembers: the list's resourceVersion and the key of the last item served. */
export interface ContinueState {
  resourceVersion: string;
  after: string;
}

/** Opaque token handed to clients in `metadata.continue`. */
export function encodeContinue(state: ContinueState): string {
  return Buffer.from(
    JSON.stringify({ v: 1, rv: state.resourceVersion, start: state.after }),
  ).toString('base64url');
}

export function decodeContinue(token: string): ContinueState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const p = parsed as
    | { v?: unknown; rv?: unknown; start?: unknown }
    | undefined;
  if (
    !p ||
    p.v !== 1 ||
    typeof p.rv !== 'string' ||
    typeof p.start !== 'string'
  ) {
    throw badRequest(
      `continue key is not valid: ${JSON.stringify(
        token,
      )} was not issued by this server`,
    );
  }
  return { resourceVersion: p.rv, after: p.start };
}

/** Parses `limit`: a non-negative integer; 0 or absent means no limit. */
export function parseLimit(text: string | null): number {
  if (text === null || text === '') return 0;
  if (!/^\d+$/.test(text))
    throw badRequest(
      `limit must be a non-negative integer, got ${JSON.stringify(text)}`,
    );
  return Number(text);
}
