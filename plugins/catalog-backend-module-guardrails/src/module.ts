import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { GuardrailsEntityProcessor } from './processor/GuardrailsEntityProcessor';
import { EmptyComplianceSnapshot } from './processor/EmptyComplianceSnapshot';

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
        logger: coreServices.logger,
      },
      async init({ catalog, logger }) {
        catalog.addProcessor(
          new GuardrailsEntityProcessor({
            snapshot: new EmptyComplianceSnapshot(),
            logger,
          }),
        );
      },
    });
  },
});
