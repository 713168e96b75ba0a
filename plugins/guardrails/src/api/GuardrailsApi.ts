import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import { EntityReport } from './types';

/**
 * Reads guardrail results from the guardrails backend.
 *
 * @public
 */
export interface GuardrailsApi {
  /** The entity's report, or undefined when no audit has produced results for it yet. */
  getEntityReport(entity: CompoundEntityRef): Promise<EntityReport | undefined>;
}

/** @public */
export const guardrailsApiRef = createApiRef<GuardrailsApi>({
  id: 'plugin.guardrails.service',
});
