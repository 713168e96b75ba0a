import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import { EnforcementMode } from './readEnforcementConfig';

/** A cluster and the environments it serves, as admission enforcement sees it. */
export interface ClusterTarget {
  cluster: string;
  /** Every environment whose clusters include this one, in configuration order. */
  environments: string[];
  /** Those in mode `sync`: their bindings are the suite's to keep. */
  syncing: string[];
}

/** The configured clusters with their environments; a cluster in several environments is one target. */
export function clusterTargets(
  environments: readonly EnvironmentDefinition[],
  modes: ReadonlyMap<string, EnforcementMode>,
): ClusterTarget[] {
  const targets = new Map<string, ClusterTarget>();
  for (const environment of environments) {
    for (const cluster of environment.clusters) {
      const target = targets.get(cluster) ?? {
        cluster,
        environments: [],
        syncing: [],
      };
      target.environments.push(environment.name);
      if (modes.get(environment.name) === 'sync') {
        target.syncing.push(environment.name);
      }
      targets.set(cluster, target);
    }
  }
  return [...targets.values()];
}
