import { Entity } from '@backstage/catalog-model';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  PageBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { KUBERNETES_NAMESPACE_RESOURCE_TYPE } from '@guardrails-dev/plugin-guardrails-common';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { guardrailsApiRef } from '../api/GuardrailsApi';
import { GuardrailsClient } from '../api/GuardrailsClient';
import { guardrailsPageRouteRef, rootRouteRef } from '../routes';

// Components and namespace resources are what the audit maps Kubernetes objects to.
const guardrailsEntityFilter = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' ||
  (entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      KUBERNETES_NAMESPACE_RESOURCE_TYPE);

/** @alpha */
export const guardrailsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: guardrailsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GuardrailsClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const guardrailsPage = PageBlueprint.make({
  params: {
    path: '/guardrails',
    title: 'Guardrails',
    icon: <VerifiedUserIcon />,
    routeRef: convertLegacyRouteRef(guardrailsPageRouteRef),
    // The page brings its own header with the audit button and tabs.
    noHeader: true,
    loader: () =>
      import('../components/GuardrailsPage').then(m =>
        compatWrapper(<m.GuardrailsPage />),
      ),
  },
});

/** @alpha */
export const guardrailsEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/guardrails',
    title: 'Guardrails',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    filter: guardrailsEntityFilter,
    loader: () =>
      import('../components/EntityGuardrailsContent').then(m =>
        compatWrapper(<m.EntityGuardrailsContent />),
      ),
  },
});

/** @alpha */
export const guardrailsEntityCard = EntityCardBlueprint.make({
  params: {
    type: 'info',
    filter: guardrailsEntityFilter,
    loader: () =>
      import('../components/EntityGuardrailsCard').then(m =>
        compatWrapper(<m.EntityGuardrailsCard />),
      ),
  },
});

/** @alpha */
export const guardrailsEnvironmentPickerField = FormFieldBlueprint.make({
  name: 'environment-picker',
  params: {
    field: () =>
      import('./formField').then(m => m.guardrailsEnvironmentPickerFormField),
  },
});
