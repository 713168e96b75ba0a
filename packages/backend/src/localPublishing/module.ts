import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPublishLocalAction } from './publishLocal';

/**
 * Registers `guardrails:publish:local` with the scaffolder: the dev portal has no git host, so the
 * guarded-service template publishes new repositories into a local directory the catalog reads.
 */
export const scaffolderModuleLocalPublishing = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'local-publishing',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, auditor, discovery, auth }) {
        scaffolder.addActions(
          createPublishLocalAction({ config, discovery, auth, auditor }),
        );
      },
    });
  },
});
