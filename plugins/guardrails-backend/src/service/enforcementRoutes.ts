import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  guardrailsEnforcementPausePermission,
  guardrailsReportReadPermission,
} from '@guardrails-dev/plugin-guardrails-common';
import { Request } from 'express';
import { EnforcementPauses } from '../enforcement/EnforcementPauses';
import { EnforcementViews } from '../enforcement/EnforcementViews';
import { createOpenApiRouter } from '../schema/openapi';

export interface EnforcementRouteOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorize: (
    req: Request<any, any, any, any>,
    permission: BasicPermission,
  ) => Promise<void>;
  views: EnforcementViews;
  pauses: EnforcementPauses;
}

/** The enforcement view's routes: reads need the fleet-wide report permission, pausing its own. */
export function addEnforcementRoutes(
  router: Awaited<ReturnType<typeof createOpenApiRouter>>,
  options: EnforcementRouteOptions,
) {
  const { authorize, views, pauses, auditor, httpAuth } = options;

  router.get('/enforcement', async (req, res) => {
    await authorize(req, guardrailsReportReadPermission);
    res.json(await views.state());
  });

  router.get('/enforcement/dry-run', async (req, res) => {
    await authorize(req, guardrailsReportReadPermission);
    res.json(await views.dryRun());
  });

  /** Pausing and resuming are audited with who asked (from the request), the environment and the outcome. */
  const audited = async <T>(
    req: Request<any, any, any, any>,
    meta: Record<string, string>,
    run: () => Promise<{ answer: T; outcome: Record<string, unknown> }>,
  ): Promise<T> => {
    const event = await auditor.createEvent({
      eventId: 'enforcement-pause',
      severityLevel: 'high',
      request: req,
      meta,
    });
    try {
      const { answer, outcome } = await run();
      await event.success({ meta: outcome as any });
      return answer;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  router.post(
    '/enforcement/environments/:environment/pause',
    async (req, res) => {
      await authorize(req, guardrailsEnforcementPausePermission);
      const { environment } = req.params;
      const reason = req.body?.reason;
      const meta = {
        environment,
        action: 'pause',
        ...(reason ? { reason } : {}),
      };
      res.json(
        await audited(req, meta, async () => {
          const pausedBy = principalRef(await httpAuth.credentials(req));
          const answer = await pauses.pause(environment, pausedBy, reason);
          return { answer, outcome: { pausedAt: answer.pausedAt } };
        }),
      );
    },
  );

  router.post(
    '/enforcement/environments/:environment/resume',
    async (req, res) => {
      await authorize(req, guardrailsEnforcementPausePermission);
      const { environment } = req.params;
      const meta = { environment, action: 'resume' };
      res.json(
        await audited(req, meta, async () => {
          const { environment: answer, changed } = await pauses.resume(
            environment,
          );
          return { answer, outcome: { changed } };
        }),
      );
    },
  );
}

/** Who acted: the user's entity ref, or the calling service. */
function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}
