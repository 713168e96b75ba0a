import { Config } from '@backstage/config';
import { editDistance } from '@guardrails-dev/plugin-guardrails-engine';

/** Whether a raw config value is a map (not a list, a scalar or null). */
export function isConfigObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names an unknown key, the known key it most likely means, and the keys there are. */
export function assertKnownKeys(
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

/** A string setting that must be one of `allowed`. */
export function readEnum<T extends string>(
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
