import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { GuardrailsEntityProcessor } from './processor/GuardrailsEntityProcessor';
import { SummarySnapshot } from './processor/SummarySnapshot';
import { readRefreshIntervalSeconds } from './readRefreshInterval';

/**
 * Registers the guardrails processor with the catalog.
 *
 * @public
 */
export const catalogModuleGuardrails = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'guardrails',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ catalog, config, logger, discovery, auth }) {
        const refreshSeconds = readRefreshIntervalSeconds(config);
        catalog.addProcessor(
          new GuardrailsEntityProcessor({
            snapshot: new SummarySnapshot({
              discovery,
              auth,
              logger,
              refreshIntervalMs: refreshSeconds * 1000,
            }),
            logger,
          }),
        );
      },
    });
  },
});
