import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';
import { redactAddresses } from './redactAddresses';
import { openWatchStream, WatchStream } from './watchStream';

/** One HTTP request to a cluster's API server. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: string;
  contentType?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the server sent JSON, the text otherwise. */
  body: unknown;
}

/**
 * The request never produced a response. `setup` (unreadable CA file, …) and `tls` (untrusted or
 * mismatched certificate) failures repeat identically, so they are not worth retrying.
 */
export class TransportFailure extends Error {
  /** The underlying error's own message, which may hold the server's address: for the backend log only. */
  readonly raw: string;

  constructor(
    readonly kind: 'timeout' | 'network' | 'tls' | 'setup',
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.raw = cause instanceof Error ? cause.message : message;
  }
}

/**
 * Sends requests through client-node's own HTTP stack: its KubeConfig applies the bearer token
 * and the TLS agent (CA, skipTLSVerify). Objects stay plain JSON: client-node's typed models would
 * turn timestamps into Dates and drop fields the policies need.
 */
export class Transport {
  private readonly http = new IsomorphicFetchHttpLibrary();

  constructor(
    private readonly kc: KubeConfig,
    private readonly baseUrl: string,
  ) {}

  /** Opens a watch stream (`watch=true` is added); no timeout: the stream lasts until the server or the caller ends it. */
  watch(
    path: string,
    query: Record<string, string | undefined>,
    onEvent: (type: string, object: Record<string, unknown>) => void,
  ): Promise<WatchStream> {
    return openWatchStream(this.kc, path, query, onEvent);
  }

  async send(request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
    const context = new RequestContext(
      `${this.baseUrl}${request.path}`,
      request.method as HttpMethod,
    );
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) {
        context.setQueryParam(name, value);
      }
    }
    context.setHeaderParam('Accept', 'application/json');
    if (request.body !== undefined) {
      context.setHeaderParam(
        'Content-Type',
        request.contentType ?? 'application/json',
      );
      context.setBody(request.body);
    }
    try {
      await this.kc.applySecurityAuthentication(context);
    } catch (error) {
      throw new TransportFailure(
        'setup',
        `cannot prepare the connection: ${String(error)}`,
        error,
      );
    }

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    context.setSignal(controller.signal);
    try {
      const response = await this.http.send(context).toPromise();
      const text = await response.body.text();
      return {
        status: response.httpStatusCode,
        headers: response.headers,
        body: parseBody(text, response.headers['content-type']),
      };
    } catch (error) {
      if (controller.signal.aborted) {
        throw new TransportFailure(
          'timeout',
          `no response within ${timeoutMs} ms`,
          error,
        );
      }
      const kind = isCertificateError(error) ? 'tls' : 'network';
      throw new TransportFailure(kind, networkMessage(error), error);
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) {
    return undefined;
  }
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** A connection failure in words without the server's address, for errors shown to people. */
export function connectionMessage(error: unknown): string {
  return networkMessage(error);
}

function isCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(code)
  );
}

/** What common network failures mean, in words that need no address. */
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EPIPE: 'connection closed',
  ERR_TLS_CERT_ALTNAME_INVALID:
    "the server's certificate does not name its host",
};

/**
 * The failure without the server's address (fetch errors read `request to <url> failed, reason: connect
 * ECONNREFUSED <host:port>`): errors are shown to people, the address goes to the log from {@link TransportFailure.raw}.
 */
function networkMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/^request to \S+ failed, reason: /, '');
  const text = (code && NETWORK_CODES[code]) ?? redactAddresses(reason);
  return code && !text.includes(code) ? `${code}: ${text}` : text;
}
