import { Config } from '@backstage/config';
import {
  ParsedPack,
  ParsePackOptions,
} from '@guardrails-dev/plugin-guardrails-engine';
import { readGuardrailsConfig } from '../config/readGuardrailsConfig';
import { defaultPackDir } from './defaultPackDir';
import { loadPackFromDirectories } from './loadPackFromDirectories';

/**
 * Loads the pack a backend is configured with: the default pack (unless
 * `guardrails.includeDefaultPack` is false) then each `guardrails.packs` directory, validated
 * against the configured environments and `guardrails.maxExemptionDays`. With
 * `guardrails.kubernetesVersion`, a guardrail using a CEL function newer than that release does not
 * load, so audits, template pre-flight and the admission export (which all use this pack) never run
 * what the clusters would refuse. The default pack's plans for environments that are not configured
 * are kept but never apply.
 * @public
 */
export async function loadConfiguredPack(
  config: Config,
  options: Pick<ParsePackOptions, 'now' | 'celLimits'> = {},
): Promise<ParsedPack> {
  const { packDirectories, environments, maxExemptionDays, kubernetesVersion } =
    readGuardrailsConfig(config);
  return loadPackFromDirectories(
    packDirectories,
    {
      ...options,
      environments: environments.map(e => e.name),
      ...(maxExemptionDays !== undefined ? { maxExemptionDays } : {}),
      ...(kubernetesVersion !== undefined ? { kubernetesVersion } : {}),
    },
    { anyEnvironment: [defaultPackDir()] },
  );
}
