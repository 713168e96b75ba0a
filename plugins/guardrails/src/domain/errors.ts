import { ResponseError } from '@backstage/errors';

/**
 * A one-line reason for a failed request: the backend's own message when it sent one (a ResponseError's message
 * only says "Request failed with 500"), otherwise the error's message.
 */
export function describeError(error: unknown): string {
  if (error instanceof ResponseError) {
    const backend = error.body?.error?.message;
    return backend && backend !== error.message
      ? `${backend} (HTTP ${error.statusCode})`
      : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
