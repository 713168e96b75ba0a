import { ClusterAccess } from '../cluster/ClusterAccess';
import { rootServiceRef } from './rootServiceRef';

/**
 * The shared {@link ClusterAccess} of a backend: one set of cluster clients (and discovery caches)
 * for every Guardrails plugin and module, built from the root config.
 * @public
 */
export const clusterAccessServiceRef = rootServiceRef<ClusterAccess>({
  id: 'guardrails.cluster-access',
  service: 'guardrails-cluster-access',
  build: ({ config, logger }) => ClusterAccess.fromConfig(config, { logger }),
});
