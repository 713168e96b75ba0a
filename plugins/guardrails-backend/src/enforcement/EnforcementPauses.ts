import { ConflictError, InputError } from '@backstage/errors';
import type { EnforcementStore } from '../db/EnforcementStore';
import type { components } from '../schema/openapi';
import { EnforcementClock } from './clock';
import { EnforcementViews } from './EnforcementViews';
import { EnforcementConfig } from './readEnforcementConfig';

type EnforcementEnvironment = components['schemas']['EnforcementEnvironment'];

/**
 * Pausing and resuming an environment's enforcement. The pause is a database row, so every replica's next sync of
 * the environment's clusters sees it; the syncs are started at once rather than at their cadence.
 */
export class EnforcementPauses {
  constructor(
    private readonly options: {
      store: EnforcementStore;
      views: EnforcementViews;
      config: EnforcementConfig;
      clock: EnforcementClock;
      /** Starts the syncs of the environment's clusters. */
      syncEnvironment: (environment: string) => Promise<void>;
    },
  ) {}

  async pause(
    environment: string,
    pausedBy: string,
    reason?: string,
  ): Promise<EnforcementEnvironment> {
    const mode = this.modeOf(environment);
    if (mode === 'off') {
      throw new ConflictError(
        `Enforcement of environment '${environment}' is off (guardrails.enforcement): admission there is left to GitOps, so there is nothing to pause`,
      );
    }
    await this.options.store.pause({
      environment,
      pausedAt: this.options.clock.now().toISOString(),
      pausedBy,
      ...(reason ? { reason } : {}),
    });
    return this.afterChange(environment);
  }

  /** Resumes; `changed` is false when the environment was not paused. */
  async resume(
    environment: string,
  ): Promise<{ environment: EnforcementEnvironment; changed: boolean }> {
    this.modeOf(environment);
    const changed = await this.options.store.resume(environment);
    return { environment: await this.afterChange(environment), changed };
  }

  private modeOf(environment: string) {
    const mode = this.options.config.modes.get(environment);
    if (!mode) {
      throw new InputError(
        `Unknown environment '${environment}'; configured environments: ${[
          ...this.options.config.modes.keys(),
        ].join(', ')}`,
      );
    }
    return mode;
  }

  private async afterChange(
    environment: string,
  ): Promise<EnforcementEnvironment> {
    await this.options.syncEnvironment(environment);
    const pauses = await this.options.store.pauses();
    return this.options.views
      .environments(pauses)
      .find(e => e.environment === environment)!;
  }
}
