import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './service/router';

/**
 * The guardrails backend plugin.
 *
 * @public
 */
export const guardrailsPlugin = createBackendPlugin({
  pluginId: 'guardrails',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ config, logger, httpRouter, httpAuth }) {
        httpRouter.use(await createRouter({ config, logger, httpAuth }));
        // The health probe is for load balancers and the dev portal's start script: no credentials.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
