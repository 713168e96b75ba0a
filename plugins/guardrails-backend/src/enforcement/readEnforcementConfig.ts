import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { editDistance } from '@guardrails-dev/plugin-guardrails-engine';

/** `sync`: the backend keeps the cluster's admission policies; `off`: admission is left to GitOps (the CLI's export). */
export type EnforcementMode = 'sync' | 'off';

export const ENFORCEMENT_MODES: readonly EnforcementMode[] = ['sync', 'off'];

/** `guardrails.enforcement`, read and checked once at startup. */
export interface EnforcementConfig {
  /** The mode of every configured environment. */
  modes: ReadonlyMap<string, EnforcementMode>;
  /** How often each cluster is synced besides the stage boundaries it wakes for. */
  cadence: HumanDuration;
  /** How long one cluster's sync may take before the scheduler abandons it. */
  timeout: HumanDuration;
}

const KEY = 'guardrails.enforcement';
// Off unless asked for: turning admission on writes cluster-wide policies that can deny requests, and needs the
// admissionregistration rules of the ClusterRole; an upgrade must not do either by surprise.
const DEFAULT_MODE: EnforcementMode = 'off';
const DEFAULT_CADENCE: HumanDuration = { minutes: 5 };
const DEFAULT_TIMEOUT: HumanDuration = { minutes: 2 };
// Each sync lists two kinds per cluster; shorter would only add load, stage boundaries wake the sync anyway.
const MIN_CADENCE_MS = 10_000;
const SETTINGS = ['mode', 'cadence', 'timeout', 'environments'];

/** Throws naming the key and the fix when `guardrails.enforcement` is wrong. */
export function readEnforcementConfig(
  config: Config,
  environments: readonly string[],
): EnforcementConfig {
  const enforcement = config.getOptionalConfig(KEY);
  if (enforcement) assertKnown(enforcement.keys(), SETTINGS, KEY, 'a setting');
  const fallback = readMode(enforcement, 'mode', KEY) ?? DEFAULT_MODE;
  const perEnvironment = enforcement?.getOptionalConfig('environments');
  const modes = new Map<string, EnforcementMode>(
    environments.map(name => [name, fallback]),
  );
  for (const name of perEnvironment?.keys() ?? []) {
    const key = `${KEY}.environments.${name}`;
    assertKnown([name], environments, `${KEY}.environments`, 'an environment');
    const environment = perEnvironment!.getConfig(name);
    assertKnown(environment.keys(), ['mode'], key, 'a setting');
    modes.set(name, readMode(environment, 'mode', key) ?? fallback);
  }
  const cadence = readDuration(enforcement, 'cadence', DEFAULT_CADENCE);
  if (durationToMilliseconds(cadence) < MIN_CADENCE_MS) {
    throw new Error(
      `${KEY}.cadence must be at least 10 seconds; stage boundaries wake the sync on their own, so a cadence of minutes is enough`,
    );
  }
  return {
    modes,
    cadence,
    timeout: readDuration(enforcement, 'timeout', DEFAULT_TIMEOUT),
  };
}

function readMode(
  config: Config | undefined,
  path: string,
  key: string,
): EnforcementMode | undefined {
  const value = config?.getOptional(path);
  if (value === undefined) return undefined;
  // YAML reads a bare `off` as the boolean false.
  const text = value === false ? 'off' : value;
  if (!ENFORCEMENT_MODES.includes(text as EnforcementMode)) {
    throw new Error(
      `${key}.${path} is '${String(
        value,
      )}'; set it to 'sync' (the backend applies the admission policies) or 'off' (admission is left to GitOps)`,
    );
  }
  return text as EnforcementMode;
}

function readDuration(
  config: Config | undefined,
  path: string,
  fallback: HumanDuration,
): HumanDuration {
  if (!config?.has(path)) return fallback;
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(config, { key: path });
  } catch (error) {
    throw new Error(
      `${KEY}.${path} is not a duration (${
        (error as Error).message
      }); write it as { minutes: 5 } or '5m'`,
    );
  }
  if (durationToMilliseconds(duration) <= 0) {
    throw new Error(`${KEY}.${path} must be longer than zero`);
  }
  return duration;
}

function assertKnown(
  actual: string[],
  known: readonly string[],
  key: string,
  what: string,
) {
  for (const name of actual) {
    if (known.includes(name)) continue;
    const guess = [...known].sort(
      (a, b) => editDistance(name, a) - editDistance(name, b),
    )[0];
    const hint =
      guess && editDistance(name, guess) <= Math.max(2, name.length / 3)
        ? `did you mean '${guess}'? `
        : '';
    throw new Error(
      `${key}.${name} is not ${what}; ${hint}expected one of ${
        known.join(', ') || 'none'
      }`,
    );
  }
}
