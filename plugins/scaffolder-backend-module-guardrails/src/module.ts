import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { guardrailsNamespaceProvisionPermission } from '@guardrails-dev/plugin-guardrails-common';
import {
  clusterAccessServiceRef,
  guardrailsPackServiceRef,
} from '@guardrails-dev/plugin-guardrails-node';
import { createGuardrailsActions } from './actions';

/**
 * Registers the guardrails actions with the scaffolder: `guardrails:namespace:provision`,
 * `guardrails:environment:provision`, `guardrails:validate` and `guardrails:manifests:apply`.
 *
 * @public
 */
export const scaffolderModuleGuardrails = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'guardrails',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        clusters: clusterAccessServiceRef,
        pack: guardrailsPackServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({
        scaffolder,
        config,
        logger,
        clusters,
        pack,
        permissions,
        permissionsRegistry,
        auditor,
        discovery,
        auth,
      }) {
        // Listed so that permission tooling shows the permission the actions check.
        permissionsRegistry.addPermissions([
          guardrailsNamespaceProvisionPermission,
        ]);
        scaffolder.addActions(
          ...(await createGuardrailsActions({
            config,
            logger,
            pack,
            clusters,
            permissions,
            auditor,
            discovery,
            auth,
          })),
        );
      },
    });
  },
});
