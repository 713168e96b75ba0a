import path from 'node:path';
import { Config, readDurationFromConfig } from '@backstage/config';
import { defaultPackDir } from '../packs/defaultPackDir';
import { ClusterConnection, readClusters } from './readClusters';
import { readEnvironments } from './readEnvironments';
import { readKubernetesVersion } from './readKubernetesVersion';
import { ClusterRequestSettings, GuardrailsConfig } from './types';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 4;

/** The validated configuration plus the credentials of each cluster, by cluster name. */
export interface GuardrailsSettings {
  config: GuardrailsConfig;
  connections: Map<string, ClusterConnection>;
}

/**
 * Reads and validates everything Guardrails takes from configuration: clusters from
 * `kubernetes.clusterLocatorMethods`, environments and namespace profiles, pack directories, the oldest
 * Kubernetes release the clusters run and request settings. Errors name the offending config key.
 * @public
 */
export function readGuardrailsConfig(config: Config): GuardrailsConfig {
  return readGuardrailsSettings(config).config;
}

/** As {@link readGuardrailsConfig}, keeping the credentials for the cluster clients. */
export function readGuardrailsSettings(config: Config): GuardrailsSettings {
  const { connections, unsupported } = readClusters(config);
  const byName = new Map(connections.map(c => [c.definition.name, c]));
  const { environments, defaulted } = readEnvironments(config);

  for (const env of environments) {
    const seen = new Set<string>();
    env.clusters.forEach((cluster, index) => {
      const key = defaulted
        ? `guardrails.environments is not set, so the default environment '${env.name}' uses cluster '${cluster}'; it`
        : `guardrails.environments.${env.name}.clusters[${index}] names cluster '${cluster}' which`;
      if (seen.has(cluster)) {
        throw new Error(`${key} is listed twice`);
      }
      seen.add(cluster);
      if (byName.has(cluster)) {
        return;
      }
      const other = unsupported.get(cluster);
      if (other) {
        throw new Error(
          `${key} has authProvider '${other.authProvider}' (${other.key}); Guardrails supports only 'serviceAccount'`,
        );
      }
      const known = [...byName.keys()];
      const fix = defaulted
        ? `; map your clusters to environments with guardrails.environments.<env>.clusters, for example guardrails.environments.${
            env.name
          }.clusters: [${known[0] ?? 'my-cluster'}]`
        : '';
      throw new Error(
        `${key} is not in kubernetes.clusterLocatorMethods (type: config); ${
          known.length
            ? `configured clusters: ${known.join(', ')}`
            : 'no clusters are configured'
        }${fix}`,
      );
    });
  }

  return {
    config: {
      clusters: connections.map(c => c.definition),
      environments,
      packDirectories: readPackDirectories(config),
      maxExemptionDays: readMaxExemptionDays(config),
      kubernetesVersion: readKubernetesVersion(config),
      clusterRequests: readClusterRequests(config),
    },
    connections: byName,
  };
}

function readPackDirectories(config: Config): string[] {
  const includeDefault =
    config.getOptionalBoolean('guardrails.includeDefaultPack') ?? true;
  const extra = (config.getOptionalStringArray('guardrails.packs') ?? []).map(
    (dir, index) => {
      if (!dir.trim()) {
        throw new Error(`guardrails.packs[${index}] must not be empty`);
      }
      return path.resolve(dir);
    },
  );
  return [...(includeDefault ? [defaultPackDir()] : []), ...extra];
}

function readMaxExemptionDays(config: Config): number | undefined {
  const days = config.getOptionalNumber('guardrails.maxExemptionDays');
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    throw new Error(
      `guardrails.maxExemptionDays must be a positive whole number of days, got ${days}`,
    );
  }
  return days;
}

function readClusterRequests(config: Config): ClusterRequestSettings {
  const key = 'guardrails.clusterRequests';
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (config.has(`${key}.timeout`)) {
    timeoutMs = toMilliseconds(
      readDurationFromConfig(config, { key: `${key}.timeout` }),
      `${key}.timeout`,
    );
  }
  const maxAttempts =
    config.getOptionalNumber(`${key}.maxAttempts`) ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
    throw new Error(
      `${key}.maxAttempts must be a whole number from 1 to 10, got ${maxAttempts}`,
    );
  }
  return { timeoutMs, maxAttempts };
}

const UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
};

function toMilliseconds(
  duration: Record<string, unknown>,
  key: string,
): number {
  let total = 0;
  for (const [unit, amount] of Object.entries(duration)) {
    if (!(unit in UNIT_MS) || typeof amount !== 'number') {
      throw new Error(
        `${key} may only use milliseconds, seconds, minutes or hours, got '${unit}'`,
      );
    }
    total += amount * UNIT_MS[unit];
  }
  if (total <= 0) {
    throw new Error(`${key} must be longer than zero`);
  }
  return total;
}
