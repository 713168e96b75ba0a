import { IncomingMessage, ServerResponse } from 'node:http';
import { AuditLog } from '../admission/auditLog';
import { UserInfo } from '../admission/types';
import { WarningRecorder } from '../admission/warnings';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreApiVersions,
  versionInfo,
} from '../api/discovery';
import { openApiV3Document, openApiV3Index } from '../api/openapi';
import { ResourceType } from '../api/resources';
import { ApiError, resourceNotServed } from '../api/status';
import { ObjectStore } from '../store/ObjectStore';
import { TokenRule } from '../types';
import { isWatchQuery } from '../watch/watchQuery';
import { WatchHub } from '../watch/WatchHub';
import { authenticate, authorize, Caller } from './auth';
import { dispatch, verbOf } from './dispatch';
import { FaultInjector } from './faults';
import { decodeBody, mediaType, readBody, ApiResponse } from './request';
import { AUDIT_LOG_PATH, parseRoute, Route } from './routes';

/** One served request, as recorded for tests and logs. */
export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** Bytes of the response body; 0 for a watch, whose events are counted as they are written. */
  bytes: number;
  /** Set for a watch (a stream of events). */
  watch?: true;
}

/** Everything a request handler needs to know about its cluster. */
export interface ClusterContext {
  name: string;
  store: ObjectStore;
  faults: FaultInjector;
  tokens?: TokenRule[];
  auditLog: AuditLog;
  watches: WatchHub;
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
      body = apiGroupList(ctx.store.types);
      break;
    case 'group':
      body = apiGroup(ctx.store.types, route.group);
      break;
    case 'resourceList':
      body = apiResourceList(ctx.store.types, route.group, route.version);
      break;
    case 'openApiV3Index':
      body = openApiV3Index(ctx.store.types);
      break;
    case 'openApiV3Document':
      body = openApiV3Document(ctx.store.types, route.path);
      break;
    default:
      return undefined;
  }
  if (body === undefined) throw resourceNotServed();
  return { status: 200, body };
}

/** What one request leaves besides its answer: warnings, and what the audit log records. */
interface RequestTrace {
  warnings: WarningRecorder;
  annotations: Record<string, string>;
  audited?: {
    user: UserInfo;
    rt: ResourceType;
    namespace?: string;
    name?: string;
    subresource?: string;
    verb: string;
  };
}

/**
 * The user admission sees: token users are `token-<n>` in `system:authenticated`; without tokens every request
 * is treated as the API server treated its unsecured port, as `system:unsecured` in `system:masters`.
 */
function userOf(caller: Caller | undefined): UserInfo {
  return caller
    ? { username: caller.user, groups: ['system:authenticated'] }
    : {
        username: 'system:unsecured',
        groups: ['system:masters', 'system:authenticated'],
      };
}

function auditLogRoute(ctx: ClusterContext, method: string): ApiResponse {
  if (method === 'GET') return { status: 200, body: ctx.auditLog.eventList() };
  if (method === 'DELETE') {
    ctx.auditLog.clear();
    return {
      status: 200,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
      },
    };
  }
  throw new ApiError(
    405,
    'MethodNotAllowed',
    `${method} is not allowed on ${AUDIT_LOG_PATH}`,
    {},
  );
}

async function serve(
  ctx: ClusterContext,
  req: IncomingMessage,
  url: URL,
  trace: RequestTrace,
): Promise<ApiResponse> {
  const method = (req.method ?? 'GET').toUpperCase();
  await ctx.faults.delay();
  const fault = ctx.faults.pick(method, `${url.pathname}${url.search}`);
  if (fault) throw fault;
  let route: Route | undefined;
  let routeError: unknown;
  try {
    route = parseRoute(url.pathname, ctx.store.types);
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
  if (route.type === 'auditLog') return auditLogRoute(ctx, method);
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
  const watch =
    route.watch === true ||
    (method === 'GET' &&
      route.name === undefined &&
      isWatchQuery(url.searchParams));
  const verb = verbOf(method, route, watch);
  authorize(caller, {
    verb,
    rt: route.rt,
    namespace: route.namespace,
    name: route.name,
  });
  const contentType = mediaType(req.headers['content-type']);
  const text = await readBody(req);
  const user = userOf(caller);
  trace.audited = {
    user,
    rt: route.rt,
    namespace: route.namespace,
    name: route.name,
    subresource: route.subresource,
    verb,
  };
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
    watches: ctx.watches,
    legacyWatch: route.watch,
    path: url.pathname,
    admission: {
      user,
      addWarning: warning => trace.warnings.add(warning),
      annotations: trace.annotations,
    },
  });
}

/** The `http` request listener of a simulated cluster. */
export function createRequestListener(ctx: ClusterContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const received = new Date();
    const started = received.getTime();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const trace: RequestTrace = {
      warnings: new WarningRecorder(),
      annotations: {},
    };
    const served = (status: number, bytes: number, watch?: true) =>
      ctx.onServed({
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        status,
        durationMs: Date.now() - started,
        bytes,
        ...(watch ? { watch } : {}),
      });
    const finish = (response: ApiResponse) => {
      if (response.stream) {
        // A watch: the header goes out at once, as the API server flushes it before the first event.
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Cache-Control': 'no-cache, private',
          'Transfer-Encoding': 'chunked',
        });
        res.flushHeaders();
        response.stream(res);
        served(200, 0, true);
        return;
      }
      const text =
        typeof response.body === 'string'
          ? response.body
          : JSON.stringify(response.body);
      const warnings = trace.warnings.headerValues();
      res.writeHead(response.status, {
        'Content-Type':
          typeof response.body === 'string'
            ? 'text/plain; charset=utf-8'
            : 'application/json',
        'Cache-Control': 'no-cache, private',
        ...(response.headers ?? {}),
        ...(warnings.length > 0 ? { Warning: warnings } : {}),
      });
      res.end(text);
      if (trace.audited) {
        ctx.auditLog.record({
          ...trace.audited,
          requestURI: req.url ?? '/',
          userAgent: req.headers['user-agent'],
          received,
          status: response.status,
          body: response.body,
          annotations: trace.annotations,
        });
      }
      served(response.status, Buffer.byteLength(text));
    };
    serve(ctx, req, url, trace).then(finish, (error: unknown) => {
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
