import {
  AuditorService,
  AuditorServiceEvent,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { initiatorOf } from '../provisioning/provisionAudit';

/** Event id of local publishing audit events. @public */
export const LOCAL_PUBLISH_AUDIT_EVENT = 'local-publish';

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
      who: initiatorOf(options.credentials),
      what: { entityRefs: options.entityRefs },
      where: { repoPath: options.repoPath, location: options.locationRef },
      ...(options.taskId ? { taskId: options.taskId } : {}),
    },
  });
}
