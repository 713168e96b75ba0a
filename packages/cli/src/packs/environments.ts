import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import { CliError } from '../CliError';

/** The environments every installation starts with, from the least to the most protected. */
export const DEFAULT_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

/** The environment `check` uses unless told otherwise: the strictest one. */
export const DEFAULT_CHECK_ENVIRONMENT = 'prod';

/**
 * Environments a pack knows: the default ones, then any other environment a
 * rollout plan names, in the order first seen.
 */
export function knownEnvironments(pack: GuardrailPack): string[] {
  const names = new Set<string>(DEFAULT_ENVIRONMENTS);
  for (const guardrail of pack.guardrails) {
    Object.keys(guardrail.rollout).forEach(name => names.add(name));
  }
  return [...names];
}

/** Throws a usage error naming the known environments when `environment` is not one. */
export function assertKnownEnvironment(
  environment: string,
  pack: GuardrailPack,
): void {
  const known = knownEnvironments(pack);
  if (!known.includes(environment)) {
    throw new CliError(
      `unknown environment "${environment}": the pack knows ${known.join(
        ', ',
      )}`,
    );
  }
}
