import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { screen } from '@testing-library/react';
import {
  fixClock,
  guardrailList,
  mappedEntity,
  report,
} from '../__testUtils__/fixtures';
import { GuardrailsApi, guardrailsApiRef } from '../api/GuardrailsApi';
import plugin, {
  guardrailsEntityCard,
  guardrailsEntityContent,
  guardrailsEnvironmentPickerField,
  guardrailParameterPickerField,
  guardrailsPage,
} from '.';

const api: Partial<GuardrailsApi> = {
  getEntityReport: async () => report,
  getGuardrails: async () => guardrailList,
  getEntityHistory: async () => ({
    from: '2026-12-20',
    to: '2026-12-22',
    points: [],
  }),
  getDistribution: async () => ({ rows: [], missing: [], stale: [] }),
  getEntityUsage: async () => ({
    entityRef: 'component:default/payments-api',
    environments: [],
  }),
  getHistory: async () => ({
    from: '2026-12-20',
    to: '2026-12-22',
    points: [],
  }),
};

describe('guardrails alpha plugin', () => {
  beforeEach(() => fixClock());
  afterEach(() => jest.useRealTimers());

  it('provides the API, page, entity content, entity card and template field', () => {
    for (const id of [
      'api:guardrails',
      'page:guardrails',
      'entity-content:guardrails',
      'entity-card:guardrails',
      'scaffolder-form-field:guardrails/environment-picker',
      'scaffolder-form-field:guardrails/parameter-picker',
    ]) {
      expect(plugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('renders the entity content with violations', async () => {
    const tester = createExtensionTester(guardrailsEntityContent);
    await renderInTestApp(
      <EntityProvider entity={mappedEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[guardrailsApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('table', { name: 'Guardrail violations' }),
    ).toBeInTheDocument();
  });

  it('renders the entity card for a component without a mapping annotation', async () => {
    const tester = createExtensionTester(guardrailsEntityCard);
    await renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'unmapped' },
          spec: {},
        }}
      >
        {tester.reactElement()}
      </EntityProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('Guardrails')).toBeInTheDocument();
    expect(
      screen.getByText(/not mapped to Kubernetes workloads/),
    ).toBeInTheDocument();
  });

  it('renders the platform page', async () => {
    const tester = createExtensionTester(guardrailsPage);
    await renderInTestApp(tester.reactElement(), {
      apis: [[guardrailsApiRef, api]],
    });
    expect(
      await screen.findByRole('button', { name: 'Run audit now' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        /the distribution appears after the first audit has completed/,
      ),
    ).toBeInTheDocument();
  });

  it('loads the GuardrailParameterPicker form field', async () => {
    const tester = createExtensionTester(guardrailParameterPickerField);
    const load = tester.get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const field = await load();
    expect(field.$$type).toBe('@backstage/scaffolder/FormField');
  });

  it('loads the GuardrailsEnvironmentPicker form field', async () => {
    const tester = createExtensionTester(guardrailsEnvironmentPickerField);
    const load = tester.get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const field = await load();
    expect(field.$$type).toBe('@backstage/scaffolder/FormField');
  });
});
