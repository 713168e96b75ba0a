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
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { guardrailsApiRef } from '../api/GuardrailsApi';
import { GuardrailsClient } from '../api/GuardrailsClient';
import { isGuardrailsAvailable } from '../availability';
import { guardrailsPageRouteRef, rootRouteRef } from '../routes';

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
    filter: isGuardrailsAvailable,
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
    filter: isGuardrailsAvailable,
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

/** @alpha */
export const guardrailParameterPickerField = FormFieldBlueprint.make({
  name: 'parameter-picker',
  params: {
    field: () =>
      import('./formField').then(m => m.guardrailParameterPickerFormField),
  },
});
