import type { EntityGuardrailsCardProps } from './components/EntityGuardrailsCard';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { guardrailsApiRef } from './api/GuardrailsApi';
import { GuardrailsClient } from './api/GuardrailsClient';
import {
  GUARDRAILS_ENVIRONMENT_PICKER,
  GuardrailsEnvironmentPicker,
  GuardrailsEnvironmentPickerFieldSchema,
  validateGuardrailsEnvironmentChoice,
} from './components/GuardrailsEnvironmentPicker';
import { guardrailsPageRouteRef, rootRouteRef } from './routes';

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
  routes: { root: guardrailsPageRouteRef, entityContent: rootRouteRef },
});

/**
 * The Guardrails tab of a component page.
 *
 * @public
 */
export const EntityGuardrailsContent: () => JSX.Element =
  guardrailsPlugin.provide(
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
export const EntityGuardrailsCard: (
  props: EntityGuardrailsCardProps,
) => JSX.Element = guardrailsPlugin.provide(
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

/**
 * The platform Guardrails page: catalog, distribution, trend, what-if and exemptions.
 *
 * @public
 */
export const GuardrailsPage: () => JSX.Element = guardrailsPlugin.provide(
  createRoutableExtension({
    name: 'GuardrailsPage',
    component: () =>
      import('./components/GuardrailsPage').then(m => m.GuardrailsPage),
    mountPoint: guardrailsPageRouteRef,
  }),
);

/**
 * The `GuardrailsEnvironmentPicker` template field: environment and size profile of a guarded namespace. Place it
 * inside `<ScaffolderFieldExtensions>` of the scaffolder page.
 *
 * @public
 */
export const GuardrailsEnvironmentPickerFieldExtension =
  guardrailsPlugin.provide(
    createScaffolderFieldExtension({
      name: GUARDRAILS_ENVIRONMENT_PICKER,
      component: GuardrailsEnvironmentPicker,
      validation: validateGuardrailsEnvironmentChoice,
      schema: GuardrailsEnvironmentPickerFieldSchema.schema,
    }),
  );
