import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  guardrailsAuditRunPermission,
  guardrailsEntityReportReadPermission,
  guardrailsExemptionReadPermission,
  guardrailsPackReadPermission,
  guardrailsReportReadPermission,
} from '@guardrails-dev/plugin-guardrails-common';
import { createHash } from 'crypto';
import express, { Request } from 'express';
import { createOpenApiRouter } from '../schema/openapi';
import {
  addEnforcementRoutes,
  EnforcementRouteOptions,
} from './enforcementRoutes';
import { EntityReports } from './EntityReports';
import { FleetReports } from './FleetReports';
import { PackViews } from './PackViews';
import type { ReadinessService } from './readinessService';
import { SummaryService } from './SummaryService';
import type { CostsReports } from './costsReports';
import type { UsageReports } from './usageReports';
import { WhatIf } from './WhatIf';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Asked with the caller's credentials, so the catalog decides which entities' reports the caller may see. */
  catalog: CatalogService;
  packViews: PackViews;
  summary: SummaryService;
  entityReports: EntityReports;
  fleetReports: FleetReports;
  whatIf: WhatIf;
  /** Quota use of an entity's namespaces. */
  usage: Pick<UsageReports, 'entityUsage'>;
  /** Quota use and its estimated cost per cost centre. */
  costs: Pick<CostsReports, 'costs'>;
  /** The stage changes ahead with what they would affect and who was told. */
  readiness: Pick<ReadinessService, 'readiness'>;
  /** Starts an audit now; resolves when it has started (not finished). */
  startAudit: () => Promise<'started' | 'already-running'>;
  /** Admission enforcement's view and pause control. */
  enforcement: Pick<EnforcementRouteOptions, 'views' | 'pauses'>;
}

/** Any route's request: the typed routes differ in their query and response types. */
type AnyRequest = Request<any, any, any, any>;

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, packViews, fleetReports } = options;
  // Requests are checked against src/schema/openapi.yaml: a parameter outside it answers 400 (InputError, in
  // Backstage's error shape) before any handler runs, and the handlers are typed by the generated EndpointMap.
  // Credentials are Backstage's to check (httpAuth: user and service tokens, cookies), not the validator's.
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });

  const authorize = async (req: AnyRequest, permission: BasicPermission) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  };

  /**
   * One entity's report goes to those who can see the entity in the catalog and may read its report, the
   * way entity-scoped plugins (Jenkins, TechDocs) check: the catalog is asked with the caller's credentials,
   * so its read policy decides visibility, and an entity the caller cannot see answers 404 like one that does
   * not exist. Then the entity report permission is authorized with the entity ref as resource ref, so a
   * policy's catalog conditions (isEntityOwner, ...) are applied to this entity by the catalog.
   */
  const authorizeEntity = async (
    req: Request<
      { kind: string; namespace: string; name: string },
      any,
      any,
      any
    >,
  ): Promise<string> => {
    const { kind, namespace, name } = req.params;
    const entityRef = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const credentials = await httpAuth.credentials(req);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const [decision] = await permissions.authorize(
      [
        {
          permission: guardrailsEntityReportReadPermission,
          resourceRef: stringifyEntityRef(entity),
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${guardrailsEntityReportReadPermission.name}`,
      );
    }
    return entityRef;
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/guardrails', async (req, res) => {
    await authorize(req, guardrailsPackReadPermission);
    res.json(packViews.guardrails());
  });

  router.get('/environments', async (req, res) => {
    await authorize(req, guardrailsPackReadPermission);
    res.json(packViews.environments());
  });

  router.get('/entities/:kind/:namespace/:name/report', async (req, res) => {
    const entityRef = await authorizeEntity(req);
    const report = await options.entityReports.entityReport(entityRef);
    if (!report) {
      throw new NotFoundError(`No guardrail results for ${entityRef} yet`);
    }
    res.json(report);
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const entityRef = await authorizeEntity(req);
    res.json(
      await fleetReports.history({ entityRef, days: daysFrom(req.query) }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/usage', async (req, res) => {
    const entityRef = await authorizeEntity(req);
    res.json(await options.usage.entityUsage(entityRef));
  });

  router.get('/history', async (req, res) => {
    await authorize(req, guardrailsReportReadPermission);
    res.json(await fleetReports.history({ days: daysFrom(req.query) }));
  });

  router.get('/distribution', async (req, res) => {
    await authorize(req, guardrailsReportReadPermission);
    res.json(await fleetReports.distribution());
  });

  router.get('/costs', async (req, res) => {
    await authorize(req, guardrailsReportReadPermission);
    res.json(await options.costs.costs(daysFrom(req.query)));
  });

  router.get('/summary', async (req, res) => {
    await authorize(req, guardrailsReportReadPermission);
    const summary = await options.summary.summary();
    // The ETag covers the content only, so an unchanged summary answers 304 to a conditional request.
    const etag = `"${createHash('sha1')
      .update(JSON.stringify(summary.entities))
      .digest('hex')}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.json(summary);
  });

  router.get('/impact', async (req, res) => {
    await authorize(req, guardrailsReportReadPermission);
    // The spec requires the three once and checks the level; which guardrails and environments exist is data.
    const { guardrail, environment, level } = req.query;
    if (!packViews.hasGuardrail(guardrail)) {
      throw new InputError(`Unknown guardrail '${guardrail}'`);
    }
    if (!packViews.hasEnvironment(environment)) {
      throw new InputError(`Unknown environment '${environment}'`);
    }
    res.json(await options.whatIf.impact({ guardrail, environment, level }));
  });

  router.get('/readiness', async (req, res) => {
    await authorize(req, guardrailsReportReadPermission);
    res.json(await options.readiness.readiness());
  });

  router.get('/exemptions', async (req, res) => {
    await authorize(req, guardrailsExemptionReadPermission);
    res.json(packViews.exemptions());
  });

  router.post('/audit', async (req, res) => {
    await authorize(req, guardrailsAuditRunPermission);
    // The auditor records who asked, from the request's credentials.
    const event = await options.auditor.createEvent({
      eventId: 'audit-run',
      severityLevel: 'medium',
      request: req,
    });
    try {
      const status = await options.startAudit();
      await event.success({ meta: { status } });
      res.status(202).json({ status });
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  addEnforcementRoutes(router, {
    ...options.enforcement,
    authorize,
    httpAuth,
    auditor: options.auditor,
  });

  return router;
}

/** `days` as the spec allows it (a whole number from 1 to 365), or the spec's default. */
function daysFrom(query: { days?: number | string }): number {
  return query.days === undefined ? 30 : Number(query.days);
}
