import {
  AuditorService,
  AuthService,
  DiscoveryService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  compilePack,
  formatPackProblem,
} from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterAccess,
  loadConfiguredPack,
  readGuardrailsConfig,
} from '@guardrails-dev/plugin-guardrails-node';
import { createEnvironmentProvisionAction } from './environmentProvision';
import { createNamespaceProvisionAction } from './namespaceProvision';
import { createValidateAction } from './validate';

/** What {@link createGuardrailsActions} needs from the backend. @public */
export interface GuardrailsActionsOptions {
  config: RootConfigService;
  logger: LoggerService;
  clusters: ClusterAccess;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Finds the catalog, which the provisioning actions read components' owners from. */
  discovery: DiscoveryService;
  /** Issues the tokens for catalog calls: the plugin's own, or on behalf of the user who started the task. */
  auth: AuthService;
  /** The clock for pack loading and `guardrails:validate`; the system clock by default. */
  now?: () => Date;
}

/**
 * Every scaffolder action of the suite. The configured pack is loaded and compiled here, once,
 * and shared by every run of `guardrails:validate`; a pack that does not load fails startup.
 * @public
 */
export async function createGuardrailsActions(
  options: GuardrailsActionsOptions,
): Promise<TemplateAction<any, any, any>[]> {
  const { config, logger, clusters, permissions, auditor, discovery, auth } =
    options;
  const { pack, warnings } = await loadConfiguredPack(
    config,
    options.now ? { now: options.now() } : {},
  );
  for (const warning of warnings) {
    logger.warn(`Guardrail pack: ${formatPackProblem(warning)}`);
  }
  const compiled = compilePack(pack);
  logger.info(
    `Guardrails scaffolder actions use ${compiled.guardrails.length} guardrails and ${pack.exemptions.length} exemptions`,
  );
  const provision = { clusters, permissions, auditor, discovery, auth };
  return [
    createNamespaceProvisionAction(provision),
    createEnvironmentProvisionAction(provision),
    createValidateAction({
      pack: compiled,
      environments: clusters.environments().map(e => e.name),
      maxExemptionDays: readGuardrailsConfig(config).maxExemptionDays,
      now: options.now,
    }),
  ];
}
