import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import {
  CompiledPack,
  compilePack,
  formatPackProblem,
  PackProblem,
  ParsePackOptions,
} from '@guardrails-dev/plugin-guardrails-engine';
import { loadConfiguredPack } from '../packs/loadConfiguredPack';
import { rootServiceRef } from './rootServiceRef';

/** The configured pack of a backend: loaded, its warnings logged, compiled. @public */
export interface GuardrailsPack {
  /** The pack as loaded: guardrails, exemptions and overrides with where each was written. */
  pack: GuardrailPack;
  /** Every expression compiled once, shared by every evaluation. */
  compiled: CompiledPack;
  /** What loaded but deserves attention; already logged. */
  warnings: PackProblem[];
}

/**
 * Loads the configured pack (see `loadConfiguredPack`), logs each warning and compiles it. Throws the
 * PackValidationError naming every problem when the pack does not load.
 * @public
 */
export async function loadGuardrailsPack(
  config: Config,
  logger: LoggerService,
  options: Pick<ParsePackOptions, 'now' | 'celLimits'> = {},
): Promise<GuardrailsPack> {
  const { pack, warnings } = await loadConfiguredPack(config, options);
  for (const warning of warnings) {
    logger.warn(`Guardrail pack: ${formatPackProblem(warning)}`);
  }
  return { pack, compiled: compilePack(pack), warnings };
}

/**
 * The configured pack, loaded, warned about and compiled once per backend and shared by the guardrails
 * backend plugin and the scaffolder module. A pack that does not load fails the startup of whichever
 * plugin asks for it first, with every problem named.
 * @public
 */
export const guardrailsPackServiceRef = rootServiceRef<GuardrailsPack>({
  id: 'guardrails.pack',
  service: 'guardrails-pack',
  build: ({ config, logger }) => loadGuardrailsPack(config, logger),
});
