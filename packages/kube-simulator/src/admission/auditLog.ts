import { randomUUID } from 'node:crypto';
import { ResourceType } from '../api/resources';
import { cloneJson } from '../store/objects';
import { UserInfo } from './types';

/** One entry of the audit log, shaped as an `audit.k8s.io/v1` Event at level Metadata. @public */
export interface AuditEvent {
  kind: 'Event';
  apiVersion: 'audit.k8s.io/v1';
  level: 'Metadata';
  auditID: string;
  stage: 'ResponseComplete';
  requestURI: string;
  verb: string;
  user: UserInfo;
  userAgent?: string;
  objectRef: {
    resource: string;
    namespace?: string;
    name?: string;
    apiGroup?: string;
    apiVersion: string;
    subresource?: string;
  };
  responseStatus: {
    metadata: Record<string, never>;
    code: number;
    status?: string;
    message?: string;
    reason?: string;
  };
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations: Record<string, string>;
}

/** What the request listener knows about a finished request. */
export interface AuditedRequest {
  requestURI: string;
  verb: string;
  user: UserInfo;
  userAgent?: string;
  rt: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  received: Date;
  status: number;
  body: unknown;
  annotations: Record<string, string>;
}

/** Audit timestamps carry microseconds: `2026-04-01T09:00:00.123000Z`. */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const MAX_EVENTS = 10_000;

/**
 * The in-memory audit log: one event per request that admission annotated (ValidatingAdmissionPolicy `Audit`
 * failures under `validation.policy.admission.k8s.io/validation_failure`, and `auditAnnotations`). Keeps the
 * last 10,000 events.
 */
export class AuditLog {
  private events: AuditEvent[] = [];

  record(request: AuditedRequest): void {
    if (Object.keys(request.annotations).length === 0) return;
    const failed = request.status >= 400;
    const body = (request.body ?? {}) as Record<string, any>;
    // As the API server's audit does, a request without a name in its URL names the object it wrote.
    const name =
      request.name ?? body.metadata?.name ?? body.details?.name ?? undefined;
    this.events.push({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: randomUUID(),
      stage: 'ResponseComplete',
      requestURI: request.requestURI,
      verb: request.verb,
      user: cloneJson(request.user),
      ...(request.userAgent ? { userAgent: request.userAgent } : {}),
      objectRef: {
        resource: request.rt.plural,
        ...(request.namespace ? { namespace: request.namespace } : {}),
        ...(name ? { name: String(name) } : {}),
        ...(request.rt.group ? { apiGroup: request.rt.group } : {}),
        apiVersion: request.rt.version,
        ...(request.subresource ? { subresource: request.subresource } : {}),
      },
      responseStatus: {
        metadata: {},
        code: request.status,
        ...(failed
          ? {
              status: 'Failure',
              message: String(body.message ?? ''),
              reason: String(body.reason ?? ''),
            }
          : {}),
      },
      requestReceivedTimestamp: microTime(request.received),
      stageTimestamp: microTime(new Date()),
      annotations: { ...request.annotations },
    });
    if (this.events.length > MAX_EVENTS)
      this.events.splice(0, this.events.length - MAX_EVENTS);
  }

  list(): AuditEvent[] {
    return cloneJson(this.events);
  }

  clear(): void {
    this.events = [];
  }

  /** The `EventList` the simulator serves at `/kube-simulator/audit`. */
  eventList(): Record<string, unknown> {
    return {
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      metadata: {},
      items: this.list(),
    };
  }
}
