import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ClusterAccess } from '../cluster/ClusterAccess';

/**
 * The shared {@link ClusterAccess} of a backend: one set of cluster clients (and discovery caches)
 * for every Guardrails plugin and module, built from the root config.
 * @public
 */
export const clusterAccessServiceRef = createServiceRef<ClusterAccess>({
  id: 'guardrails.cluster-access',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
      },
      factory: ({ config, logger }) =>
        ClusterAccess.fromConfig(config, {
          logger: logger.child({ service: 'guardrails-cluster-access' }),
        }),
    }),
});
