import { IncomingMessage, ServerResponse } from 'node:http';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreApiVersions,
  versionInfo,
} from '../api/discovery';
import { openApiV3Document, openApiV3Index } from '../api/openapi';
import { ApiError, resourceNotServed } from '../api/status';
import { ObjectStore } from '../store/ObjectStore';
import { TokenRule } from '../types';
import { authenticate, authorize } from './auth';
import { dispatch, verbOf } from './dispatch';
import { FaultInjector } from './faults';
import { decodeBody, mediaType, readBody, ApiResponse } from './request';
import { parseRoute, Route } from './routes';

/** One served request, as recorded for tests and logs. */
export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

/** Everything a request handler needs to know about its cluster. */
export interface ClusterContext {
  name: string;
  store: ObjectStore;
  faults: FaultInjector;
  tokens?: TokenRule[];
  /** host:port clients use, for `/api`. */
  serverAddress(): string;
  onServed(record: RequestRecord): void;
}

function discovery(ctx: ClusterContext, route: Route): ApiResponse | undefined {
  let body: unknown;
  switch (route.type) {
    case 'version':
      body = versionInfo(ctx.name);
      break;
    case 'coreVersions':
      body = coreApiVersions(ctx.serverAddress());
      break;
    case 'groups':
      body = apiGroupList();
      break;
    case 'group':
      body = apiGroup(route.group);
      break;
    case 'resourceList':
      body = apiResourceList(route.group, route.version);
      break;
    case 'openApiV3Index':
      body = openApiV3Index();
      break;
    case 'openApiV3Document':
      body = openApiV3Document(route.path);
      break;
    default:
      return undefined;
  }
  if (body === undefined) throw resourceNotServed();
  return { status: 200, body };
}

async function serve(
  ctx: ClusterContext,
  req: IncomingMessage,
  url: URL,
): Promise<ApiResponse> {
  const method = (req.method ?? 'GET').toUpperCase();
  await ctx.faults.delay();
  const fault = ctx.faults.pick(method, `${url.pathname}${url.search}`);
  if (fault) throw fault;
  let route: Route | undefined;
  let routeError: unknown;
  try {
    route = parseRoute(url.pathname);
  } catch (e) {
    routeError = e;
  }
  // Health and version are public, as the API server's system:public-info-viewer role makes them.
  const isPublic = route?.type === 'health' || route?.type === 'version';
  const caller = isPublic
    ? undefined
    : authenticate(ctx.tokens, req.headers.authorization);
  if (!route) throw routeError;
  if (route.type === 'health') return { status: 200, body: 'ok' };
  const discovered = discovery(ctx, route);
  if (discovered) {
    if (method !== 'GET')
      throw new ApiError(
        405,
        'MethodNotAllowed',
        `${method} is not allowed on ${url.pathname}`,
        {},
      );
    return discovered;
  }
  if (route.type !== 'resource') throw resourceNotServed();
  const verb = verbOf(method, route);
  authorize(caller, {
    verb,
    rt: route.rt,
    namespace: route.namespace,
    name: route.name,
  });
  const contentType = mediaType(req.headers['content-type']);
  const text = await readBody(req);
  return dispatch(verb, {
    method,
    rt: route.rt,
    namespace: route.namespace,
    name: route.name,
    subresource: route.subresource,
    query: url.searchParams,
    body: decodeBody(text, contentType, method),
    contentType,
    accept: req.headers.accept,
    userAgent: req.headers['user-agent'],
    store: ctx.store,
  });
}

/** The `http` request listener of a simulated cluster. */
export function createRequestListener(ctx: ClusterContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const finish = (response: ApiResponse) => {
      const text =
        typeof response.body === 'string'
          ? response.body
          : JSON.stringify(response.body);
      res.writeHead(response.status, {
        'Content-Type':
          typeof response.body === 'string'
            ? 'text/plain; charset=utf-8'
            : 'application/json',
        'Cache-Control': 'no-cache, private',
        ...(response.headers ?? {}),
      });
      res.end(text);
      ctx.onServed({
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        status: response.status,
        durationMs: Date.now() - started,
      });
    };
    serve(ctx, req, url).then(finish, (error: unknown) => {
      if (error instanceof ApiError) {
        finish({
          status: error.code,
          body: error.toStatus(),
          headers: error.headers,
        });
      } else {
        const message = error instanceof Error ? error.message : String(error);
        finish({
          status: 500,
          body: new ApiError(
            500,
            'InternalError',
            `Internal error occurred: ${message}`,
          ).toStatus(),
        });
      }
      // Drain what the client still sends so the connection can be reused.
      req.resume();
    });
  };
}
