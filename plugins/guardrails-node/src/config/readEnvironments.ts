import { Config } from '@backstage/config';
import { defaultEnvironments } from './defaultEnvironments';
import { parseQuantity } from './quantity';
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
    throw new Error(`${ENVIRONMENTS_KEY} must define at least one environment`);
  }
  const environments = names.map(name => {
    const key = `${ENVIRONMENTS_KEY}.${name}`;
    if (name.length > 63 || !LABEL_VALUE.test(name)) {
      throw new Error(
        `${key}: '${name}' is not a valid environment name; use lower-case letters, digits and '-' (at most 63)`,
      );
    }
    const env = section.getConfig(name);
    const clusters = env.getStringArray('clusters');
    if (clusters.length === 0) {
      throw new Error(`${key}.clusters must name at least one cluster`);
    }
    return {
      name,
      title: env.getOptionalString('title') ?? name,
      clusters,
      profile: readProfile(env.getConfig('profile'), `${key}.profile`),
    };
  });
  return { environments, defaulted: false };
}

function readProfile(profile: Config, key: string): NamespaceProfile {
  const ownerRole = profile.getString('ownerRole').trim();
  if (!ownerRole) {
    throw new Error(`${key}.ownerRole must not be empty`);
  }
  const sizesConfig = profile.getConfig('sizes');
  const sizeNames = sizesConfig.keys();
  if (sizeNames.length === 0) {
    throw new Error(`${key}.sizes must define at least one size`);
  }
  const sizes: Record<string, SizeProfile> = {};
  for (const name of sizeNames) {
    sizes[name] = readSize(
      sizesConfig.getConfig(name),
      `${key}.sizes.${name}`,
      name,
    );
  }
  return {
    podSecurity: readEnum(
      profile,
      'podSecurity',
      POD_SECURITY_LEVELS,
      `${key}.podSecurity`,
    ),
    networkPolicy: readEnum(
      profile,
      'networkPolicy',
      NETWORK_POLICY_MODES,
      `${key}.networkPolicy`,
    ),
    ownerRole,
    sizes,
  };
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
  if (typeof text !== 'string' || parseQuantity(text) === undefined) {
    throw new Error(
      `${key} must be a Kubernetes quantity such as '500m' or '2Gi', got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return text;
}

function assertNotAbove(
  lower: ResourcePair,
  lowerName: string,
  upper: ResourcePair,
  upperName: string,
  key: string,
) {
  for (const resource of ['cpu', 'memory'] as const) {
    if (parseQuantity(lower[resource])! > parseQuantity(upper[resource])!) {
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
