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
  ClusterAccess,
  GuardrailsPack,
  readGuardrailsConfig,
} from '@guardrails-dev/plugin-guardrails-node';
import { createEnvironmentProvisionAction } from './environmentProvision';
import { createManifestsApplyAction } from './manifestsApply';
import { createNamespaceProvisionAction } from './namespaceProvision';
import { createValidateAction } from './validate';

/** What {@link createGuardrailsActions} needs from the backend. @public */
export interface GuardrailsActionsOptions {
  config: RootConfigService;
  logger: LoggerService;
  /** The configured pack, from `guardrailsPackServiceRef` (loaded and compiled once per backend). */
  pack: GuardrailsPack;
  clusters: ClusterAccess;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Finds the catalog, which the provisioning actions read components' owners from. */
  discovery: DiscoveryService;
  /** Issues the tokens for catalog calls: the plugin's own, or on behalf of the user who started the task. */
  auth: AuthService;
  /** The clock of `guardrails:validate` and `guardrails:manifests:apply`; the system clock by default. */
  now?: () => Date;
}

/**
 * Every scaffolder action of the suite. Every run of `guardrails:validate` and `guardrails:manifests:apply`
 * shares the configured pack, compiled once for the whole backend.
 * @public
 */
export async function createGuardrailsActions(
  options: GuardrailsActionsOptions,
): Promise<TemplateAction<any, any, any>[]> {
  const { config, logger, clusters, permissions, auditor, discovery, auth } =
    options;
  const { pack, compiled } = options.pack;
  logger.info(
    `Guardrails scaffolder actions use ${compiled.guardrails.length} guardrails and ${pack.exemptions.length} exemptions`,
  );
  const provision = { clusters, permissions, auditor, discovery, auth };
  const { maxExemptionDays } = readGuardrailsConfig(config);
  return [
    createNamespaceProvisionAction(provision),
    createEnvironmentProvisionAction(provision),
    createValidateAction({
      pack: compiled,
      environments: clusters.environments().map(e => e.name),
      maxExemptionDays,
      now: options.now,
    }),
    createManifestsApplyAction({
      ...provision,
      pack: compiled,
      maxExemptionDays,
      now: options.now,
    }),
  ];
}
