import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { GuardrailsApi, guardrailsApiRef } from '../api/GuardrailsApi';
import { mappedEntity } from './fixtures';

/** Renders an element in a test app with the given guardrails API and, optionally, an entity in context. */
export function renderWithApi(
  element: ReactElement,
  api: Partial<GuardrailsApi>,
  options: { entity?: Entity | null; extraApis?: Array<[any, any]> } = {},
) {
  const entity = options.entity === undefined ? mappedEntity : options.entity;
  return renderInTestApp(
    <TestApiProvider
      apis={[[guardrailsApiRef, api], ...(options.extraApis ?? [])] as any}
    >
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
