import { Config } from '@backstage/config';
import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { assertKnownKeys, isConfigObject } from './configKeys';
import { defaultEnvironments, defaultProfile } from './defaultEnvironments';
import { readProfile } from './readProfile';
import { EnvironmentDefinition } from './types';

const ENVIRONMENTS_KEY = 'guardrails.environments';
const ENVIRONMENT_KEYS = ['title', 'clusters', 'profile'];

export interface EnvironmentReadResult {
  environments: EnvironmentDefinition[];
  /** Whether the environments come from the built-in defaults. */
  defaulted: boolean;
}

/** Reads `guardrails.environments`, or the defaults when it is absent. */
export function readEnvironments(config: Config): EnvironmentReadResult {
  const section = config.getOptionalConfig(ENVIRONMENTS_KEY);
  if (!section) {
    return { environments: defaultEnvironments(), defaulted: true };
  }
  const names = section.keys();
  if (names.length === 0) {
    throw new Error(
      `${ENVIRONMENTS_KEY} must define at least one environment, for example ${ENVIRONMENTS_KEY}.prod.clusters: [my-cluster]; leave it out for dev, staging and prod on the clusters of those names`,
    );
  }
  const environments = names.map(name => {
    const key = `${ENVIRONMENTS_KEY}.${name}`;
    // Environment names end up in the `guardrails.dev/environment` label and in namespace names, so they must be
    // DNS-1123 labels: lower case, which label values alone would not require.
    if (!KubernetesValidatorFunctions.isValidNamespace(name)) {
      throw new Error(
        `${key}: '${name}' is not a valid environment name; use lower-case letters, digits and '-' (at most 63)`,
      );
    }
    if (!isConfigObject(section.getOptional(name))) {
      throw new Error(
        `${key} must be an object such as { clusters: [${name}] }`,
      );
    }
    const env = section.getConfig(name);
    assertKnownKeys(env, ENVIRONMENT_KEYS, key, 'An environment');
    return {
      name,
      title: env.getOptionalString('title') ?? name,
      clusters: readClusterNames(env, key, name),
      profile: readProfile(env, `${key}.profile`, defaultProfile(name)),
    };
  });
  return { environments, defaulted: false };
}

function readClusterNames(env: Config, key: string, name: string): string[] {
  const example = `for example clusters: [${name}]`;
  const value = env.getOptional('clusters');
  if (value === undefined) {
    throw new Error(
      `${key}.clusters is missing; list the names of the environment's clusters from kubernetes.clusterLocatorMethods, ${example}`,
    );
  }
  if (!Array.isArray(value) || value.some(c => typeof c !== 'string')) {
    throw new Error(
      `${key}.clusters must be a list of cluster names, ${example}`,
    );
  }
  if (value.length === 0) {
    throw new Error(
      `${key}.clusters must name at least one cluster, ${example}`,
    );
  }
  return value as string[];
}
