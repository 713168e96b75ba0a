import {
  AuditorService,
  AuditorServiceEvent,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { initiatorOf } from '../provisioning/provisionAudit';
import { ApplyTarget } from './clusterApply';

/** Event id of the audit events of `guardrails:manifests:apply`. @public */
export const MANIFESTS_APPLY_AUDIT_EVENT = 'manifests-apply';

/** Starts the audit event of one apply: who, which objects for which component, where, dry run or not. */
export function startApplyAudit(
  auditor: AuditorService,
  options: {
    credentials: BackstageCredentials;
    component: string;
    owner: string;
    targets: ApplyTarget[];
    dryRun: boolean;
    taskId?: string;
  },
): Promise<AuditorServiceEvent> {
  const { component, owner, targets, dryRun, taskId } = options;
  return auditor.createEvent({
    eventId: MANIFESTS_APPLY_AUDIT_EVENT,
    severityLevel: dryRun ? 'low' : 'medium',
    meta: {
      who: initiatorOf(options.credentials),
      what: {
        component,
        owner,
        objects: (targets[0]?.objects ?? []).map(
          o => `${o.kind} ${o.metadata?.name}`,
        ),
      },
      where: targets.map(t => ({
        environment: t.environment,
        namespace: t.namespace,
        clusters: t.clusters,
      })),
      dryRun,
      ...(taskId ? { taskId } : {}),
    },
  });
}
