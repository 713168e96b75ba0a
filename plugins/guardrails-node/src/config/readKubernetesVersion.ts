import { Config } from '@backstage/config';
import { parseKubernetesVersion } from '@guardrails-dev/plugin-guardrails-engine';

const KEY = 'guardrails.kubernetesVersion';

/**
 * `guardrails.kubernetesVersion`: the oldest Kubernetes release the clusters run, such as '1.30', kept as
 * written. Unquoted in YAML, 1.30 is the number 1.3, so a number is refused with the quoted form to write.
 */
export function readKubernetesVersion(config: Config): string | undefined {
  const value = config.getOptional(KEY);
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    throw new Error(
      `${KEY} must be a quoted string such as '1.30', got the number ${value} (YAML reads an unquoted 1.30 as 1.3)`,
    );
  }
  if (typeof value !== 'string') {
    throw new Error(
      `${KEY} must be a Kubernetes release such as '1.30', got ${JSON.stringify(
        value,
      )}`,
    );
  }
  try {
    parseKubernetesVersion(value);
  } catch {
    throw new Error(
      `${KEY} is '${value}'; expected a Kubernetes release such as '1.30' (a leading 'v' and a patch number are allowed)`,
    );
  }
  return value;
}
