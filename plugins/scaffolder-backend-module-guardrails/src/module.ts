import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createGuardrailsActions } from './actions';

/**
 * Registers the guardrails actions with the scaffolder.
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
      },
      async init({ scaffolder, config, logger }) {
        scaffolder.addActions(...(await createGuardrailsActions({ config, logger })));
      },
    });
  },
});
