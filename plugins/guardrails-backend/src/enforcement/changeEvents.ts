import { AuditorService } from '@backstage/backend-plugin-api';
import { PlannedChange } from './planSync';

/**
 * One auditor event per object the sync writes: the cluster, the object, and the validation actions before and
 * after, so who-changed-what-when in admission is answered from the audit log alone. A change towards or away from
 * Deny is high severity: it starts or stops refusing requests.
 */
export async function recordChangeEvent(
  auditor: AuditorService,
  cluster: string,
  change: PlannedChange,
  error?: unknown,
): Promise<void> {
  const denies = [change.oldActions, change.newActions].some(actions =>
    actions?.includes('Deny'),
  );
  const event = await auditor.createEvent({
    eventId: 'enforcement-change',
    severityLevel: denies ? 'high' : 'medium',
    meta: {
      cluster,
      kind: change.kind,
      name: change.name,
      ...(change.guardrail ? { guardrail: change.guardrail } : {}),
      ...(change.environment ? { environment: change.environment } : {}),
      change: change.change,
      ...(change.drift ? { drift: change.drift, fields: change.fields } : {}),
      oldActions: change.oldActions ?? null,
      newActions: change.newActions ?? null,
    },
  });
  if (error === undefined) {
    await event.success();
  } else {
    await event.fail({
      error: error instanceof Error ? error : new Error(String(error)),
    });
  }
}
