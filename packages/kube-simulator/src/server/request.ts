import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, unsupportedMediaType } from '../api/status';

/** What a handler answers; the server writes it as JSON. */
export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A streamed answer (watch): called with the response once its 200 header is sent. */
  stream?: (res: ServerResponse) => void;
}

/** The real API server refuses request bodies above 3 MiB. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError(
        413,
        'RequestEntityTooLarge',
        `the request body is larger than ${MAX_BODY_BYTES} bytes`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The media type without parameters, lower case: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Patch types, each decoded as JSON except the apply patch (YAML, a superset of JSON). */
export const PATCH_MEDIA_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
  'application/strategic-merge-patch+json',
];
/** What every other write decodes; an absent Content-Type reads as JSON, as on the API server. */
export const BODY_MEDIA_TYPES = ['application/json', 'application/yaml'];

/**
 * Parses a request body as JSON, or YAML for YAML media types. Empty bodies read as undefined. A body in a media
 * type the request cannot take is refused with 415 before it is read, as the API server's content negotiation
 * does: PATCH takes the patch types, every other request JSON or YAML (the simulator decodes no protobuf).
 */
export function decodeBody(
  text: string,
  contentType: string,
  method: string,
): unknown {
  if (text.trim() === '') return undefined;
  if (method === 'PATCH') {
    if (!PATCH_MEDIA_TYPES.includes(contentType))
      throw unsupportedMediaType(contentType, PATCH_MEDIA_TYPES);
  } else if (contentType !== '' && !BODY_MEDIA_TYPES.includes(contentType)) {
    throw unsupportedMediaType(contentType, BODY_MEDIA_TYPES);
  }
  const yaml = contentType.endsWith('yaml');
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(
      `error decoding ${yaml ? 'YAML' : 'JSON'} request body: ${
        (e as Error).message
      }`,
    );
  }
}
