import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fixClock,
  mappedEntity,
  notAuditedReport,
  report,
} from '../../__testUtils__/fixtures';
import { listTexts } from '../../__testUtils__/expectations';
import { usage } from '../../__testUtils__/usageFixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { tabApi } from '../../__testUtils__/tabApi';
import { EntityGuardrailsContent } from './EntityGuardrailsContent';

const api = tabApi;

describe('EntityGuardrailsContent', () => {
  beforeEach(() => fixClock());
  afterEach(() => jest.useRealTimers());

  it('explains how to map a component that has no Kubernetes annotation', async () => {
    const getEntityReport = jest.fn();
    await renderWithApi(
      <EntityGuardrailsContent />,
      api({}, { getEntityReport }),
      {
        entity: { ...mappedEntity, metadata: { name: 'unmapped' } },
      },
    );
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id/).length,
    ).toBeGreaterThan(0);
    expect(getEntityReport).not.toHaveBeenCalled();
  });

  it('says when results will appear before any audit has covered the component', async () => {
    await renderWithApi(
      <EntityGuardrailsContent />,
      api({}, { getEntityReport: jest.fn(async () => undefined) }),
    );
    expect(
      await screen.findByText('No guardrail results yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/guardrails.audit.frequency/)).toBeInTheDocument();
    expect(
      screen.getByText('backstage.io/kubernetes-id=payments-api'),
    ).toBeInTheDocument();
  });

  it('shows the backend error and loads again on retry', async () => {
    const getEntityReport = jest
      .fn()
      .mockRejectedValueOnce(new Error('guardrails backend unavailable'))
      .mockResolvedValueOnce(report);
    await renderWithApi(
      <EntityGuardrailsContent />,
      api({}, { getEntityReport }),
    );
    expect(
      (await screen.findAllByText(/guardrails backend unavailable/)).length,
    ).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('table', {
        name: 'Guardrail violations',
      }),
    ).toBeInTheDocument();
  });

  it('shows per environment compliance, counts by level, evaluation time and stale clusters', async () => {
    await renderWithApi(<EntityGuardrailsContent />, api());
    const prod = await screen.findByRole('region', { name: 'prod' });
    expect(within(prod).getByText('Violating')).toBeInTheDocument();
    expect(listTexts(prod, 'Violations in prod by level')).toEqual([
      'observe0',
      'warn1',
      'block0',
      'auto-correct0',
    ]);
    expect(within(prod).getByText('2 exempted')).toBeInTheDocument();
    expect(within(prod).getByText('4 hours ago')).toHaveAttribute(
      'title',
      '2026-12-21 20:00 UTC',
    );
    const stale = within(prod).getByRole('status');
    expect(stale).toHaveTextContent(
      'cluster prod-us-1 (prod) could not be read',
    );
    expect(stale).toHaveTextContent(
      'NetworkError (ETIMEDOUT: connection timed out)',
    );
    expect(stale).toHaveTextContent('last good audit at 2026-12-21 20:00 UTC');
  });

  it('shows an environment whose cluster was never audited as not audited yet, with the cluster and its error', async () => {
    await renderWithApi(
      <EntityGuardrailsContent />,
      api({ report: notAuditedReport }),
    );
    const prod = await screen.findByRole('region', { name: 'prod' });
    expect(within(prod).getByText('Unknown')).toBeInTheDocument();
    expect(within(prod).queryByText('Compliant')).not.toBeInTheDocument();
    const missing = within(prod).getByRole('status');
    expect(missing).toHaveTextContent(
      'Not audited yet: cluster prod-eu-1 (prod) has never been read successfully',
    );
    expect(missing).toHaveTextContent(
      'NetworkError (ECONNREFUSED: connection refused)',
    );
    expect(within(prod).queryByText(/Evaluated/)).not.toBeInTheDocument();
    const dev = screen.getByRole('region', { name: 'dev' });
    expect(within(dev).getByText('Compliant')).toBeInTheDocument();
  });

  it('keeps the violations when the guardrail catalog cannot be loaded, and says so', async () => {
    await renderWithApi(
      <EntityGuardrailsContent />,
      api(
        {},
        {
          getGuardrails: jest.fn(async () =>
            Promise.reject(new Error('pack not loaded')),
          ),
        },
      ),
    );
    expect(
      await screen.findByText('Guardrail details could not be loaded'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/timelines are not available: pack not loaded/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Fix first' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the 1 violation of Containers must not run privileged',
      }),
    );
    expect(
      screen.getByText(/rationale and remediation could not be loaded/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', {
        name: 'Violations of Containers must not run privileged',
      }),
    ).toHaveTextContent('container sidecar is privileged');
  });

  it('shows the quota use of each environment under the violations', async () => {
    await renderWithApi(
      <EntityGuardrailsContent />,
      api({}, { getEntityUsage: jest.fn(async () => usage) }),
    );
    const prod = await screen.findByRole('region', {
      name: 'Quota use in prod',
    });
    expect(
      within(prod).getByRole('meter', { name: /^CPU requests used in/ }),
    ).toHaveAttribute('aria-valuetext', '3800m of 4 (95%, near the limit)');
    expect(
      screen.getByRole('region', { name: 'Quota use in dev' }),
    ).toHaveTextContent('No quota');
  });
});

describe('EntityGuardrailsContent error types', () => {
  it('shows the status of a backend ResponseError', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'Error', message: 'store unavailable' },
        response: { statusCode: 503 },
      }),
      {
        status: 503,
        statusText: 'Service Unavailable',
        headers: { 'Content-Type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response);
    await renderWithApi(
      <EntityGuardrailsContent />,
      api({}, { getEntityReport: jest.fn(async () => Promise.reject(error)) }),
    );
    expect(
      (await screen.findAllByText(/store unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
