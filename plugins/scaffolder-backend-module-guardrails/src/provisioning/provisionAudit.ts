import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { NamespaceRequest, ProvisionedObject } from './types';

type JsonObject = NonNullable<AuditorServiceCreateEventOptions['meta']>;

/** Event id of provisioning audit events. @public */
export const NAMESPACE_PROVISION_AUDIT_EVENT = 'namespace-provision';

/** Who started the task, as the audit log names them. */
export function initiatorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal?.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal?.type === 'service' && principal.subject) {
    return principal.subject;
  }
  return principal?.type ?? 'unknown';
}

/**
 * Starts the audit event of one provisioning (who, what, where, dry run or not). Writes are
 * `medium` severity and dry runs `low`, following the auditor's levels.
 */
export function startProvisionAudit(
  auditor: AuditorService,
  options: {
    credentials: BackstageCredentials;
    request: NamespaceRequest;
    clusters: string[];
    dryRun: boolean;
    taskId?: string;
  },
): Promise<AuditorServiceEvent> {
  const { request, clusters, dryRun, taskId } = options;
  return auditor.createEvent({
    eventId: NAMESPACE_PROVISION_AUDIT_EVENT,
    severityLevel: dryRun ? 'low' : 'medium',
    meta: {
      who: initiatorOf(options.credentials),
      what: {
        namespace: request.namespace,
        owner: request.owner,
        component: request.component,
        size: request.size ?? null,
        costCenter: request.costCenter,
      },
      where: { environment: request.environment, clusters },
      dryRun,
      ...(taskId ? { taskId } : {}),
    },
  });
}

/** Audit metadata of what provisioning did to each object. */
export function outcomesMeta(objects: ProvisionedObject[]): JsonObject {
  return {
    objects: objects.map(o => ({
      cluster: o.cluster,
      kind: o.kind,
      name: o.name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
      outcome: o.outcome,
    })),
  };
}
