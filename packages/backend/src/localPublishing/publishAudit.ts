import {
  AuditorService,
  AuditorServiceEvent,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';

/** Event id of local publishing audit events. */
export const LOCAL_PUBLISH_AUDIT_EVENT = 'local-publish';

/** Who published, as the audit log names them: the user's entity ref, a service's subject. */
function publisherOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as Partial<{
    type: string;
    userEntityRef: string;
    subject: string;
  }>;
  const name =
    principal?.type === 'user' ? principal.userEntityRef : principal?.subject;
  return name ?? principal?.type ?? 'unknown';
}

/** Starts the audit event of one publication: who published which entities to which directory. */
export function startPublishAudit(
  auditor: AuditorService,
  options: {
    credentials: BackstageCredentials;
    repoPath: string;
    entityRefs: string[];
    locationRef: string;
    taskId?: string;
  },
): Promise<AuditorServiceEvent> {
  return auditor.createEvent({
    eventId: LOCAL_PUBLISH_AUDIT_EVENT,
    severityLevel: 'medium',
    meta: {
      who: publisherOf(options.credentials),
      what: { entityRefs: options.entityRefs },
      where: { repoPath: options.repoPath, location: options.locationRef },
      ...(options.taskId ? { taskId: options.taskId } : {}),
    },
  });
}
