import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { GuardrailsApi, guardrailsApiRef } from '../../api/GuardrailsApi';
import { EntityReport } from '../../api/types';
import { EntityGuardrailsContent } from './EntityGuardrailsContent';

const mapped: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
  spec: { type: 'service', owner: 'group:default/payments', lifecycle: 'production' },
};

function renderWith(api: Partial<GuardrailsApi>, entity: Entity = mapped) {
  return renderInTestApp(
    <TestApiProvider apis={[[guardrailsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityGuardrailsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityGuardrailsContent', () => {
  it('explains how to map a component that has no Kubernetes annotation', async () => {
    const getEntityReport = jest.fn();
    await renderWith(
      { getEntityReport },
      { ...mapped, metadata: { name: 'unmapped' } },
    );
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(screen.getAllByText(/backstage.io\/kubernetes-id/).length).toBeGreaterThan(0);
    expect(getEntityReport).not.toHaveBeenCalled();
  });

  it('says honestly that there are no results before any audit', async () => {
    await renderWith({ getEntityReport: async () => undefined });
    expect(await screen.findByText('No guardrail results yet')).toBeInTheDocument();
  });

  it('shows each environment of a report', async () => {
    const report: EntityReport = {
      entityRef: 'component:default/payments-api',
      evaluatedAt: '2026-11-22T10:00:00.000Z',
      environments: [
        {
          environment: 'prod',
          compliance: 'violating',
          evaluatedAt: '2026-11-22T10:00:00.000Z',
          violations: [
            {
              guardrail: 'pod.no-privileged',
              title: 'Containers must not run privileged',
              severity: 'high',
              level: 'warn',
              message: 'container sidecar is privileged',
              resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'payments-api-prod', name: 'api' },
            },
          ],
        },
      ],
    };
    await renderWith({ getEntityReport: async () => report });
    expect(await screen.findByText('prod')).toBeInTheDocument();
    expect(screen.getByText('violating')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderWith({
      getEntityReport: async () => {
        throw new Error('guardrails backend unavailable');
      },
    });
    expect(
      (await screen.findAllByText(/guardrails backend unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
