import { Config } from '@backstage/config';
import {
  parseQuantity,
  Quantity,
} from '@guardrails-dev/plugin-guardrails-engine';
import { ResourcePair, SizeProfile } from './types';

/** Reads `<profile>.sizes`: each size complete, its quantities valid and its limit range in order. */
export function readSizes(
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
