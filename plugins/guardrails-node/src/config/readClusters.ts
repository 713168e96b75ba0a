import { Config } from '@backstage/config';
import { ClusterDefinition } from './types';

/** A cluster with the credentials needed to reach it. Internal: credentials never leave the package. */
export interface ClusterConnection {
  definition: ClusterDefinition;
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
}

/** Clusters whose authProvider Guardrails cannot use, by name, with where they are configured. */
export type UnsupportedClusters = Map<
  string,
  { key: string; authProvider: string }
>;

export interface ClusterReadResult {
  connections: ClusterConnection[];
  unsupported: UnsupportedClusters;
}

const LOCATORS_KEY = 'kubernetes.clusterLocatorMethods';

/**
 * Reads the clusters of `kubernetes.clusterLocatorMethods` entries of type `config`. Other locator
 * types (catalog, gke, …) belong to the Kubernetes plugin and are skipped.
 */
export function readClusters(config: Config): ClusterReadResult {
  const connections: ClusterConnection[] = [];
  const unsupported: UnsupportedClusters = new Map();
  const seen = new Map<string, string>();

  const locators = config.getOptionalConfigArray(LOCATORS_KEY) ?? [];
  locators.forEach((locator, locatorIndex) => {
    if (locator.getString('type') !== 'config') {
      return;
    }
    const clusters = locator.getOptionalConfigArray('clusters') ?? [];
    clusters.forEach((cluster, clusterIndex) => {
      const key = `${LOCATORS_KEY}[${locatorIndex}].clusters[${clusterIndex}]`;
      const name = cluster.getString('name').trim();
      if (!name) {
        throw new Error(`${key}.name must not be empty`);
      }
      const previous = seen.get(name);
      if (previous) {
        throw new Error(
          `${key}.name '${name}' is already defined at ${previous}; cluster names must be unique`,
        );
      }
      seen.set(name, key);

      const authProvider =
        cluster.getOptionalString('authProvider') ?? 'serviceAccount';
      if (authProvider !== 'serviceAccount') {
        unsupported.set(name, { key: `${key}.authProvider`, authProvider });
        return;
      }
      connections.push(readConnection(cluster, key, name));
    });
  });

  return { connections, unsupported };
}

function readConnection(
  cluster: Config,
  key: string,
  name: string,
): ClusterConnection {
  const skipTLSVerify = cluster.getOptionalBoolean('skipTLSVerify') ?? false;
  const url = readUrl(cluster.getString('url'), `${key}.url`, skipTLSVerify);

  const serviceAccountToken = cluster.getOptionalString('serviceAccountToken');
  if (serviceAccountToken !== undefined && !serviceAccountToken.trim()) {
    throw new Error(
      `${key}.serviceAccountToken is empty; remove it for anonymous access or set the token`,
    );
  }
  const caData = cluster.getOptionalString('caData');
  const caFile = cluster.getOptionalString('caFile');
  if (caData && caFile) {
    throw new Error(`${key} sets both caData and caFile; set only one`);
  }

  return {
    definition: {
      name,
      title: cluster.getOptionalString('title') ?? name,
      url,
      authProvider: 'serviceAccount',
      skipTLSVerify,
    },
    serviceAccountToken: serviceAccountToken?.trim(),
    caData,
    caFile,
  };
}

function readUrl(raw: string, key: string, skipTLSVerify: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${key} '${raw}' is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${key} '${raw}' must use https: (or http: locally)`);
  }
  // Plain HTTP sends the bearer token in clear text: fine on loopback (the local simulator), a
  // deliberate choice elsewhere.
  if (url.protocol === 'http:' && !isLoopback(url) && !skipTLSVerify) {
    throw new Error(
      `${key} '${raw}' uses http: on a non-loopback host; use https:, or set skipTLSVerify: true to accept an unencrypted connection`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(`${key} '${raw}' must not have a query or fragment`);
  }
  return raw.replace(/\/+$/, '');
}

function isLoopback(url: URL): boolean {
  const host = url.hostname;
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
