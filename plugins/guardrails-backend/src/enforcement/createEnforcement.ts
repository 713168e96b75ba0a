import {
  AuditorService,
  DatabaseService,
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import { guardrailPortalUrl } from '@guardrails-dev/plugin-guardrails-engine';
import { ClusterAccess } from '@guardrails-dev/plugin-guardrails-node';
import { DatabaseEnforcementStore } from '../db/DatabaseEnforcementStore';
import { AdmissionExports } from './admissionExports';
import { AdmissionSync } from './AdmissionSync';
import { EnforcementClock } from './clock';
import { clusterTargets } from './clusterTargets';
import { AuditedOwnership } from './entityScopes';
import { EnforcementPauses } from './EnforcementPauses';
import { EnforcementViews } from './EnforcementViews';
import { readEnforcementConfig } from './readEnforcementConfig';
import { SyncScheduler } from './SyncScheduler';

/**
 * Admission enforcement of one backend: reads `guardrails.enforcement` (a wrong one stops the startup, and so does an
 * `app.baseUrl` that is not an absolute http(s) URL when any environment syncs), schedules each syncing cluster's
 * sync, and gives the enforcement view and its pause control. Expects the plugin's migrations to have been applied.
 */
export async function createEnforcement(options: {
  config: Config;
  pack: GuardrailPack;
  clusterAccess: ClusterAccess;
  database: DatabaseService;
  scheduler: SchedulerService;
  auditor: AuditorService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  clock: EnforcementClock;
  /** The audit's attribution of objects to entities, for exemptions scoped to an entity. */
  ownership: AuditedOwnership;
}): Promise<{ views: EnforcementViews; pauses: EnforcementPauses }> {
  const { pack, clusterAccess, clock, logger } = options;
  const environments = clusterAccess.environments();
  const config = readEnforcementConfig(
    options.config,
    environments.map(e => e.name),
  );
  const store = new DatabaseEnforcementStore(
    await options.database.getClient(),
  );
  const targets = clusterTargets(environments, config.modes);
  const syncing = targets.some(t => t.syncing.length > 0);
  // Denials link to the guardrail's page in the portal; only synced policies carry them.
  const portalBaseUrl = syncing
    ? options.config.getOptionalString('app.baseUrl')
    : undefined;
  if (portalBaseUrl !== undefined) {
    try {
      guardrailPortalUrl(portalBaseUrl, 'check');
    } catch (error) {
      throw new Error(`app.baseUrl: ${(error as Error).message}`);
    }
  }
  const exports = new AdmissionExports({
    pack,
    ownership: options.ownership,
    portalBaseUrl,
    clusterAccess,
  });
  const sync = new AdmissionSync({
    exports,
    clusterAccess,
    store,
    auditor: options.auditor,
    logger,
    clock,
  });
  const scheduler = new SyncScheduler({
    scheduler: options.scheduler,
    sync,
    targets,
    config,
    exports,
    clock,
    logger,
  });
  await scheduler.start();
  options.lifecycle.addShutdownHook(() => scheduler.stop());
  const views = new EnforcementViews({
    exports,
    targets,
    config,
    store,
    sync,
    clock,
  });
  const pauses = new EnforcementPauses({
    store,
    views,
    config,
    clock,
    syncEnvironment: environment => scheduler.triggerEnvironment(environment),
  });
  return { views, pauses };
}
