import { ResourceType, qualifiedResource } from './resources';

/** One cause of an Invalid or Conflict Status, as in `metav1.StatusCause`. */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** `metav1.StatusDetails` */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** An API error answered as a `Status` object with the matching HTTP code. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The `Status` body the real API server sends for this error. */
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

function resourceDetails(rt: ResourceType, name?: string): StatusDetails {
  return {
    ...(name !== undefined ? { name } : {}),
    ...(rt.group ? { group: rt.group } : {}),
    kind: rt.plural,
  };
}

export function notFound(rt: ResourceType, name: string): ApiError {
  return new ApiError(
    404,
    'NotFound',
    `${qualifiedResource(rt)} "${name}" not found`,
    resourceDetails(rt, name),
  );
}

/** The answer for a path that names no served resource. */
export function resourceNotServed(): ApiError {
  return new ApiError(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

export function alreadyExists(rt: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(rt)} "${name}" already exists`,
    resourceDetails(rt, name),
  );
}

export function staleResourceVersion(rt: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(
      rt,
    )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    resourceDetails(rt, name),
  );
}

export function invalid(
  rt: ResourceType,
  name: string,
  causes: StatusCause[],
): ApiError {
  const summary = causes
    .map(c => (c.field ? `${c.field}: ${c.message}` : c.message))
    .join(', ');
  const shown = causes.length > 1 ? `[${summary}]` : summary;
  return new ApiError(
    422,
    'Invalid',
    `${rt.kind}${
      rt.group ? `.${rt.group}` : ''
    } "${name}" is invalid: ${shown}`,
    {
      name,
      ...(rt.group ? { group: rt.group } : {}),
      kind: rt.kind,
      causes,
    },
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(message: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', message, {});
}

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/**
 * 415 for a request body in a media type the request does not take, worded as the API server's content
 * negotiation words it. kubectl sends protobuf for built-in types from its imperative commands (`kubectl create
 * namespace`, `kubectl create configmap`, …), which the simulator does not decode: the message names the fix.
 */
export function unsupportedMediaType(
  contentType: string,
  accepted: readonly string[],
): ApiError {
  const got = JSON.stringify(contentType);
  const hint =
    contentType === PROTOBUF
      ? `${got}: kube-simulator does not decode protobuf, which kubectl sends from imperative commands such as "kubectl create namespace"; write the object as YAML or JSON and use "kubectl create -f <file>" or "kubectl apply --server-side -f <file>"`
      : got;
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
      ', ',
    )} (got ${hint})`,
  );
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function forbidden(
  user: string,
  verb: string,
  rt: ResourceType,
  namespace: string | undefined,
  name: string | undefined,
): ApiError {
  const subject = `${qualifiedResource(rt)}${name ? ` "${name}"` : ''}`;
  const scope = namespace
    ? ` in the namespace "${namespace}"`
    : ' at the cluster scope';
  return new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${rt.plural}" in API group "${rt.group}"${scope}`,
    {
      ...(name ? { name } : {}),
      ...(rt.group ? { group: rt.group } : {}),
      kind: rt.plural,
    },
  );
}

/** Reasons and messages of statuses injected by fault rules, as the API server or a proxy would send them. */
const INJECTED: Record<number, { reason: string; message: string }> = {
  400: {
    reason: 'BadRequest',
    message: 'the server rejected our request for an unknown reason',
  },
  401: { reason: 'Unauthorized', message: 'Unauthorized' },
  403: { reason: 'Forbidden', message: 'forbidden' },
  404: {
    reason: 'NotFound',
    message: 'the server could not find the requested resource',
  },
  405: {
    reason: 'MethodNotAllowed',
    message: 'the server does not allow this method on the requested resource',
  },
  409: { reason: 'Conflict', message: 'the server reported a conflict' },
  410: {
    reason: 'Expired',
    message: 'the resource version requested is too old',
  },
  422: {
    reason: 'Invalid',
    message: 'the server rejected our request due to an error in our request',
  },
  429: {
    reason: 'TooManyRequests',
    message:
      'the server has received too many requests and has asked us to try again later',
  },
  500: {
    reason: 'InternalError',
    message: 'an error on the server has prevented the request from succeeding',
  },
  502: { reason: 'InternalError', message: 'bad gateway' },
  503: {
    reason: 'ServiceUnavailable',
    message: 'the server is currently unable to handle the request',
  },
  504: {
    reason: 'Timeout',
    message:
      'the server was unable to return a response in the time allotted, but may still be processing the request',
  },
};

/** A Status for an injected fault; 429 and 503 carry `Retry-After`. */
export function injectedFault(code: number): ApiError {
  const known = INJECTED[code] ?? {
    reason: code >= 500 ? 'InternalError' : 'BadRequest',
    message: `injected fault: status ${code}`,
  };
  const retry = code === 429 || code === 503;
  return new ApiError(
    code,
    known.reason,
    `${known.message} (injected fault)`,
    retry ? { retryAfterSeconds: 1 } : {},
    retry ? { 'Retry-After': '1' } : {},
  );
}
