import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { guardrailsApiRef } from './api/GuardrailsApi';
import { GuardrailsClient } from './api/GuardrailsClient';
import { rootRouteRef } from './routes';

/**
 * The guardrails frontend plugin.
 *
 * @public
 */
export const guardrailsPlugin = createPlugin({
  id: 'guardrails',
  apis: [
    createApiFactory({
      api: guardrailsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GuardrailsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { entityContent: rootRouteRef },
});

/**
 * The Guardrails tab of a component page.
 *
 * @public
 */
export const EntityGuardrailsContent = guardrailsPlugin.provide(
  createRoutableExtension({
    name: 'EntityGuardrailsContent',
    component: () =>
      import('./components/EntityGuardrailsContent').then(
        m => m.EntityGuardrailsContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The guardrails card for a component's overview.
 *
 * @public
 */
export const EntityGuardrailsCard = guardrailsPlugin.provide(
  createComponentExtension({
    name: 'EntityGuardrailsCard',
    component: {
      lazy: () =>
        import('./components/EntityGuardrailsCard').then(
          m => m.EntityGuardrailsCard,
        ),
    },
  }),
);
