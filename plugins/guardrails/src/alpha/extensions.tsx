import { Entity } from '@backstage/catalog-model';
import { compatWrapper } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { guardrailsApiRef } from '../api/GuardrailsApi';
import { GuardrailsClient } from '../api/GuardrailsClient';

// Components and namespace resources are what the audit maps Kubernetes objects to.
const guardrailsEntityFilter = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' ||
  (entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      'kubernetes-namespace');

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
export const guardrailsEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/guardrails',
    title: 'Guardrails',
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
