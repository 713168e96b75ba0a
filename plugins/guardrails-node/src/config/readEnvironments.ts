import { Config } from '@backstage/config';
import {
  editDistance,
  parseQuantity,
  Quantity,
} from '@guardrails-dev/plugin-guardrails-engine';
import { defaultEnvironments, defaultProfile } from './defaultEnvironments';
import {
  EnvironmentDefinition,
  NamespaceProfile,
  NetworkPolicyMode,
  PodSecurityLevel,
  ResourcePair,
  SizeProfile,
} from './types';

const ENVIRONMENTS_KEY = 'guardrails.environments';
const POD_SECURITY_LEVELS: PodSecurityLevel[] = [
  'privileged',
  'baseline',
  'restricted',
];
const NETWORK_POLICY_MODES: NetworkPolicyMode[] = [
  'deny-all',
  'deny-ingress',
  'allow-same-namespace',
];
const ENVIRONMENT_KEYS = ['title', 'clusters', 'profile'];
const PROFILE_KEYS = ['podSecurity', 'networkPolicy', 'ownerRole', 'sizes'];

// Environment names end up in the `guardrails.dev/environment` label, so they must be label values.
const LABEL_VALUE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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
    if (name.length > 63 || !LABEL_VALUE.test(name)) {
      throw new Error(
        `${key}: '${name}' is not a valid environment name; use lower-case letters, digits and '-' (at most 63)`,
      );
    }
    if (!isObject(section.getOptional(name))) {
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

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names an unknown key, the known key it most likely means, and the keys there are. */
function assertKnownKeys(
  config: Config,
  known: string[],
  key: string,
  what: string,
) {
  for (const actual of config.keys()) {
    if (known.includes(actual)) continue;
    const guess = closest(actual, known);
    throw new Error(
      `${key}.${actual} is not a setting; ${
        guess ? `did you mean '${guess}'? ` : ''
      }${what} takes ${known.join(', ')}`,
    );
  }
}

function closest(actual: string, known: string[]): string | undefined {
  const a = actual.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(a, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(actual.length / 3))
    ? best.name
    : undefined;
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

/**
 * Reads `<env>.profile`; every field is optional and falls back to the environment's default
 * profile. Sizes, when given, replace the default sizes and must each be complete.
 */
function readProfile(
  env: Config,
  key: string,
  defaults: NamespaceProfile,
): NamespaceProfile {
  if (!env.has('profile')) {
    return defaults;
  }
  if (!isObject(env.getOptional('profile'))) {
    throw new Error(
      `${key} must be an object with any of ${PROFILE_KEYS.join(
        ', ',
      )}; leave it out to use the default profile`,
    );
  }
  const profile = env.getConfig('profile');
  assertKnownKeys(profile, PROFILE_KEYS, key, 'A profile');
  let ownerRole = defaults.ownerRole;
  if (profile.has('ownerRole')) {
    ownerRole = profile.getString('ownerRole').trim();
    if (!ownerRole) {
      throw new Error(
        `${key}.ownerRole must not be empty; leave it out to use '${defaults.ownerRole}'`,
      );
    }
  }
  return {
    podSecurity: profile.has('podSecurity')
      ? readEnum(
          profile,
          'podSecurity',
          POD_SECURITY_LEVELS,
          `${key}.podSecurity`,
        )
      : defaults.podSecurity,
    networkPolicy: profile.has('networkPolicy')
      ? readEnum(
          profile,
          'networkPolicy',
          NETWORK_POLICY_MODES,
          `${key}.networkPolicy`,
        )
      : defaults.networkPolicy,
    ownerRole,
    sizes: profile.has('sizes')
      ? readSizes(profile.getConfig('sizes'), `${key}.sizes`)
      : defaults.sizes,
  };
}

function readSizes(
  sizesConfig: Config,
  key: string,
): Record<string, SizeProfile> {
  const sizeNames = sizesConfig.keys();
  if (sizeNames.length === 0) {
    throw new Error(
      `${key} must define at least one size; leave it out to use the default sizes small, medium and large`,
    );
  }
  const sizes: Record<string, SizeProfile> = {};
  for (const name of sizeNames) {
    sizes[name] = readSize(sizesConfig.getConfig(name), `${key}.${name}`, name);
  }
  return sizes;
}

function readSize(size: Config, key: string, name: string): SizeProfile {
  const pods = size.getNumber('quota.pods');
  if (!Number.isInteger(pods) || pods < 1) {
    throw new Error(
      `${key}.quota.pods must be a positive integer, got ${pods}`,
    );
  }
  const limitRangeKey = `${key}.limitRange`;
  const defaultRequest = readPair(
    size,
    'limitRange.defaultRequest',
    `${limitRangeKey}.defaultRequest`,
  );
  const defaults = readPair(
    size,
    'limitRange.default',
    `${limitRangeKey}.default`,
  );
  const max = size.has('limitRange.max')
    ? readPair(size, 'limitRange.max', `${limitRangeKey}.max`)
    : undefined;

  // The API server rejects a LimitRange whose defaultRequest exceeds default or default exceeds
  // max; catching it here names the config key instead of failing at provisioning time.
  assertNotAbove(
    defaultRequest,
    'defaultRequest',
    defaults,
    'default',
    limitRangeKey,
  );
  if (max) {
    assertNotAbove(defaults, 'default', max, 'max', limitRangeKey);
  }

  return {
    name,
    quota: {
      requests: readPair(size, 'quota.requests', `${key}.quota.requests`),
      limits: readPair(size, 'quota.limits', `${key}.quota.limits`),
      pods,
    },
    limitRange: { defaultRequest, default: defaults, ...(max ? { max } : {}) },
  };
}

function readPair(config: Config, path: string, key: string): ResourcePair {
  return {
    cpu: readQuantity(config, `${path}.cpu`, `${key}.cpu`),
    memory: readQuantity(config, `${path}.memory`, `${key}.memory`),
  };
}

function readQuantity(config: Config, path: string, key: string): string {
  const value = config.getOptional(path);
  if (value === undefined) {
    throw new Error(`Missing required config value at '${key}'`);
  }
  // YAML turns `cpu: 2` into a number; both spellings mean the same quantity.
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || nonNegativeQuantity(text) === undefined) {
    throw new Error(
      `${key} must be a Kubernetes quantity such as '500m' or '2Gi', got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return text;
}

/** The exact value of a non-negative Kubernetes quantity (`250m`, `4Gi`, `1e3`), or undefined when the text is not one. */
function nonNegativeQuantity(text: string): Quantity | undefined {
  try {
    const quantity = parseQuantity(text);
    return quantity.sign() < 0 ? undefined : quantity;
  } catch {
    return undefined;
  }
}

function assertNotAbove(
  lower: ResourcePair,
  lowerName: string,
  upper: ResourcePair,
  upperName: string,
  key: string,
) {
  for (const resource of ['cpu', 'memory'] as const) {
    if (
      nonNegativeQuantity(lower[resource])!.isGreaterThan(
        nonNegativeQuantity(upper[resource])!,
      )
    ) {
      throw new Error(
        `${key}.${lowerName}.${resource} (${lower[resource]}) is above ${key}.${upperName}.${resource} (${upper[resource]})`,
      );
    }
  }
}

function readEnum<T extends string>(
  config: Config,
  path: string,
  allowed: readonly T[],
  key: string,
): T {
  const value = config.getString(path);
  if (!allowed.includes(value as T)) {
    throw new Error(
      `${key} is '${value}'; expected one of ${allowed
        .map(a => `'${a}'`)
        .join(', ')}`,
    );
  }
  return value as T;
}
