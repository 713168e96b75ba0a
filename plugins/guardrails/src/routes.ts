import { createRouteRef } from '@backstage/core-plugin-api';

/** The Guardrails tab of an entity page. */
export const rootRouteRef = createRouteRef({ id: 'guardrails:entity-content' });

/** The platform Guardrails page. */
export const guardrailsPageRouteRef = createRouteRef({ id: 'guardrails:page' });
