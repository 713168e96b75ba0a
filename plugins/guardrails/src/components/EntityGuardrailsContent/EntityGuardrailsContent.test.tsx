import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fixClock,
  guardrailList,
  largeReport,
  mappedEntity,
  notAuditedReport,
  report,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { GuardrailsApi } from '../../api/GuardrailsApi';
import { EntityGuardrailsContent } from './EntityGuardrailsContent';

const history = { from: '2026-12-20', to: '2026-12-22', points: [] };

function api(overrides: Partial<GuardrailsApi> = {}): Partial<GuardrailsApi> {
  return {
    getEntityReport: jest.fn(async () => report),
    getGuardrails: jest.fn(async () => guardrailList),
    getEntityHistory: jest.fn(async () => history),
    ...overrides,
  };
}

function violationRows() {
  const table = screen.getByRole('table', { name: 'Guardrail violations' });
  // Header row excluded; detail rows have no expand button.
  return within(table)
    .getAllByRole('row')
    .filter(row => within(row).queryByRole('button', { name: /details of/ }));
}

describe('EntityGuardrailsContent', () => {
  beforeEach(() => fixClock());
  afterEach(() => jest.useRealTimers());

  it('explains how to map a component that has no Kubernetes annotation', async () => {
    const getEntityReport = jest.fn();
    await renderWithApi(<EntityGuardrailsContent />, api({ getEntityReport }), {
      entity: { ...mappedEntity, metadata: { name: 'unmapped' } },
    });
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id/).length,
    ).toBeGreaterThan(0);
    expect(getEntityReport).not.toHaveBeenCalled();
  });

  it('says when results will appear before any audit has covered the component', async () => {
    await renderWithApi(
      <EntityGuardrailsContent />,
      api({ getEntityReport: jest.fn(async () => undefined) }),
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
    await renderWithApi(<EntityGuardrailsContent />, api({ getEntityReport }));
    expect(
      (await screen.findAllByText(/guardrails backend unavailable/)).length,
    ).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('table', { name: 'Guardrail violations' }),
    ).toBeInTheDocument();
  });

  it('shows per environment compliance, counts by level, evaluation time and stale clusters', async () => {
    await renderWithApi(<EntityGuardrailsContent />, api());
    const prod = await screen.findByRole('region', { name: 'prod' });
    expect(within(prod).getByText('Violating')).toBeInTheDocument();
    const counts = within(prod).getByRole('list', {
      name: 'Violations in prod by level',
    });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['observe0', 'warn1', 'block0', 'auto-correct0']);
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
      api({ getEntityReport: jest.fn(async () => notAuditedReport) }),
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

  it('lists violations with guardrail, resource, level, severity, age and exemption', async () => {
    await renderWithApi(<EntityGuardrailsContent />, api());
    await screen.findByRole('table', { name: 'Guardrail violations' });
    const rows = violationRows();
    expect(rows).toHaveLength(2);
    // Strictest level first: warn (prod) before observe (dev).
    const [prodRow, devRow] = rows;
    expect(prodRow).toHaveTextContent('Containers must not run privileged');
    expect(prodRow).toHaveTextContent('pod.no-privileged');
    expect(prodRow).toHaveTextContent('Deployment payments-prod/api');
    expect(prodRow).toHaveTextContent('prod-eu-1');
    expect(within(prodRow).getByText('3 days ago')).toHaveAttribute(
      'title',
      '2026-12-19 00:00 UTC',
    );
    expect(devRow).toHaveTextContent('observe');
    expect(devRow).toHaveTextContent('Expired exemption');
    expect(devRow).toHaveTextContent('expired 10 days ago');
  });

  it('filters by environment, level and severity', async () => {
    await renderWithApi(<EntityGuardrailsContent />, api());
    await screen.findByRole('table', { name: 'Guardrail violations' });
    await userEvent.selectOptions(screen.getByLabelText('Environment'), 'dev');
    expect(violationRows()).toHaveLength(1);
    expect(
      screen.getByText('1 of 2 violations match the filters'),
    ).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Environment'), '');
    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'high');
    expect(violationRows()).toHaveLength(1);
    expect(violationRows()[0]).toHaveTextContent('pod.no-privileged');
    await userEvent.selectOptions(screen.getByLabelText('Level'), 'block');
    expect(
      screen.getByText('No violations match these filters.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(violationRows()).toHaveLength(2);
  });

  it('sorts by a column and reverses on a second click', async () => {
    await renderWithApi(<EntityGuardrailsContent />, api());
    await screen.findByRole('table', { name: 'Guardrail violations' });
    await userEvent.click(screen.getByRole('button', { name: 'Environment' }));
    expect(violationRows()[0]).toHaveTextContent('payments-dev');
    expect(
      screen.getByRole('columnheader', { name: /Environment/ }),
    ).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(screen.getByRole('button', { name: 'Environment' }));
    expect(violationRows()[0]).toHaveTextContent('payments-prod');
  });

  it('expands a row with the keyboard to the rationale, remediation, docs and rollout timeline', async () => {
    await renderWithApi(<EntityGuardrailsContent />, api());
    await screen.findByRole('table', { name: 'Guardrail violations' });
    const toggle = screen.getByRole('button', {
      name: 'Show details of Containers must not run privileged on Deployment payments-prod/api',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    toggle.focus();
    await userEvent.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const details = document.getElementById(
      toggle.getAttribute('aria-controls')!,
    )!;
    expect(details).toHaveTextContent(
      'A privileged container has root on the node',
    );
    expect(details).toHaveTextContent('Remove securityContext.privileged');
    expect(
      within(details).getByRole('link', {
        name: /Documentation of pod.no-privileged/,
      }),
    ).toHaveAttribute(
      'href',
      'https://guardrails.example.com/pod.no-privileged',
    );
    expect(details).toHaveTextContent(
      'Now warn in prod; becomes block in prod on 2027-02-01 — 41 days',
    );
    const stages = within(details).getByRole('list', {
      name: 'Rollout of Containers must not run privileged in prod',
    });
    expect(
      within(stages)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'observeearlier',
      '→warnnow, since 2026-12-01',
      '→blockfrom 2027-02-01',
    ]);
    await userEvent.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows the rollout of every violated guardrail per environment, soonest change first', async () => {
    await renderWithApi(<EntityGuardrailsContent />, api());
    const sections = await screen.findAllByRole('region', {
      name: /^Rollout of /,
    });
    expect(sections.map(s => s.getAttribute('aria-label'))).toEqual([
      'Rollout of Containers must not run privileged',
      'Rollout of Containers must declare resource limits',
    ]);
    expect(sections[0]).toHaveTextContent('prod — 1 violation here');
    expect(sections[0]).toHaveTextContent(
      'becomes block in prod on 2027-02-01 — 41 days',
    );
    expect(sections[0]).toHaveTextContent(
      'Now warn in dev; no further stage planned',
    );
    expect(sections[1]).toHaveTextContent(
      'becomes block in prod on 2027-03-15 — 83 days',
    );
  });

  it('keeps the violations when the guardrail catalog cannot be loaded, and says so', async () => {
    await renderWithApi(
      <EntityGuardrailsContent />,
      api({
        getGuardrails: jest.fn(async () =>
          Promise.reject(new Error('pack not loaded')),
        ),
      }),
    );
    expect(
      await screen.findByText('Guardrail details could not be loaded'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/timelines are not available: pack not loaded/),
    ).toBeInTheDocument();
    expect(violationRows()).toHaveLength(2);
    await userEvent.click(violationRows()[0].querySelector('button')!);
    expect(
      screen.getByText(/rationale and remediation could not be loaded/),
    ).toBeInTheDocument();
  });

  it('pages through 1,000 violations and filters them', async () => {
    await renderWithApi(
      <EntityGuardrailsContent />,
      api({ getEntityReport: jest.fn(async () => largeReport(1000)) }),
    );
    await screen.findByRole('table', { name: 'Guardrail violations' });
    expect(screen.getByText('1000 violations')).toBeInTheDocument();
    expect(violationRows()).toHaveLength(25);
    // Strictest first.
    expect(violationRows()[0]).toHaveTextContent('auto-correct');
    expect(screen.getByText('1-25 of 1000')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('26-50 of 1000')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Level'), 'block');
    expect(
      screen.getByText('250 of 1000 violations match the filters'),
    ).toBeInTheDocument();
    expect(screen.getByText('1-25 of 250')).toBeInTheDocument();
    expect(violationRows().every(row => within(row).getByText('block'))).toBe(
      true,
    );
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
      api({ getEntityReport: jest.fn(async () => Promise.reject(error)) }),
    );
    expect(
      (await screen.findAllByText(/store unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
