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
  ENFORCEMENT_LEVELS,
  EnforcementLevel,
  guardrailsAuditRunPermission,
  guardrailsEntityReportReadPermission,
  guardrailsExemptionReadPermission,
  guardrailsPackReadPermission,
  guardrailsReportReadPermission,
} from '@guardrails-dev/plugin-guardrails-common';
import { createHash } from 'crypto';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { EntityReports } from './EntityReports';
import { FleetReports } from './FleetReports';
import { PackViews } from './PackViews';
import { SummaryService } from './SummaryService';
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
  /** Starts an audit now; resolves when it has started (not finished). */
  startAudit: () => Promise<'started' | 'already-running'>;
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const KIND = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, packViews, fleetReports } = options;
  const router = Router();
  router.use(express.json());

  const authorize = async (req: Request, permission: BasicPermission) => {
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
  const authorizeEntity = async (req: Request): Promise<string> => {
    const entityRef = entityRefFrom(req);
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
    const days = daysFrom(req);
    const entityRef = await authorizeEntity(req);
    res.json(await fleetReports.history({ entityRef, days }));
  });

  router.get('/history', async (req, res) => {
    await authorize(req, guardrailsReportReadPermission);
    res.json(await fleetReports.history({ days: daysFrom(req) }));
  });

  router.get('/distribution', async (req, res) => {
    await authorize(req, guardrailsReportReadPermission);
    res.json(await fleetReports.distribution());
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
    const guardrail = single(req, 'guardrail');
    const environment = single(req, 'environment');
    const level = single(req, 'level');
    if (!packViews.hasGuardrail(guardrail)) {
      throw new InputError(`Unknown guardrail '${guardrail}'`);
    }
    if (!packViews.hasEnvironment(environment)) {
      throw new InputError(`Unknown environment '${environment}'`);
    }
    if (!(ENFORCEMENT_LEVELS as readonly string[]).includes(level)) {
      throw new InputError(
        `Invalid level '${level}'; expected one of ${ENFORCEMENT_LEVELS.join(
          ', ',
        )}`,
      );
    }
    res.json(
      await options.whatIf.impact({
        guardrail,
        environment,
        level: level as EnforcementLevel,
      }),
    );
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

  return router;
}

function entityRefFrom(req: Request): string {
  const { kind, namespace, name } = req.params;
  if (!KIND.test(kind)) throw new InputError(`Invalid entity kind '${kind}'`);
  if (!NAME.test(namespace))
    throw new InputError(`Invalid entity namespace '${namespace}'`);
  if (!NAME.test(name)) throw new InputError(`Invalid entity name '${name}'`);
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

function single(req: Request, key: string): string {
  const value = req.query[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`Query parameter '${key}' is required, once`);
  }
  return value.trim();
}

function daysFrom(req: Request): number {
  const raw = req.query.days;
  if (raw === undefined) return 30;
  const days = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new InputError(
      `Query parameter 'days' must be a whole number from 1 to 365`,
    );
  }
  return days;
}
