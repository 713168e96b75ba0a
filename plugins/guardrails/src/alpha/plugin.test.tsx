import { createExtensionTester, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import plugin, { guardrailsEntityCard } from '.';

describe('guardrails alpha plugin', () => {
  it('provides an API, an entity content and an entity card', () => {
    expect(plugin.getExtension('api:guardrails')).toBeDefined();
    expect(plugin.getExtension('entity-content:guardrails')).toBeDefined();
    expect(plugin.getExtension('entity-card:guardrails')).toBeDefined();
  });

  it('renders the entity card for a component without a mapping annotation', async () => {
    const tester = createExtensionTester(guardrailsEntityCard);
    const element = tester.reactElement();
    await renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'unmapped' },
          spec: {},
        }}
      >
        {element}
      </EntityProvider>,
    );
    expect(await screen.findByText('Guardrails')).toBeInTheDocument();
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
  });
});
