import { alertApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fixClock,
  guardrailList,
  limits,
  privileged,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import type {
  ApiDistribution,
  ApiExemptions,
  ApiHistory,
  ApiImpact,
} from '@guardrails-dev/plugin-guardrails-common';
import { GuardrailsApi } from '../../api/GuardrailsApi';
import { GuardrailsPage } from './GuardrailsPage';

const distribution: ApiDistribution = {
  evaluatedAt: '2026-12-21T23:00:00.000Z',
  missing: [],
  stale: [],
  rows: [
    {
      guardrail: privileged.id,
      environment: 'prod',
      failing: 0,
      warning: 3,
      errors: 0,
      exempted: 1,
      passing: 6,
    },
    {
      guardrail: privileged.id,
      environment: 'dev',
      failing: 0,
      warning: 0,
      errors: 0,
      exempted: 0,
      passing: 12,
    },
    {
      guardrail: limits.id,
      environment: 'prod',
      failing: 2,
      warning: 0,
      errors: 1,
      exempted: 0,
      passing: 7,
    },
  ],
};

const history: ApiHistory = {
  from: '2026-12-20',
  to: '2026-12-22',
  points: [
    {
      date: '2026-12-20',
      environment: 'prod',
      guardrail: privileged.id,
      failing: 0,
      warning: 5,
      errors: 0,
    },
    {
      date: '2026-12-20',
      environment: 'dev',
      guardrail: limits.id,
      failing: 1,
      warning: 0,
      errors: 0,
    },
    {
      date: '2026-12-22',
      environment: 'prod',
      guardrail: privileged.id,
      failing: 0,
      warning: 3,
      errors: 1,
    },
  ],
};

const impact: ApiImpact = {
  guardrail: privileged.id,
  environment: 'prod',
  level: 'block',
  evaluatedAt: '2026-12-21T23:00:00.000Z',
  affected: [
    {
      entityRef: 'component:default/payments-api',
      owner: 'group:default/payments',
      resource: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'payments-prod',
        name: 'api',
        cluster: 'prod-eu-1',
        environment: 'prod',
      },
      outcome: 'blocked',
      message: 'container sidecar is privileged',
    },
    {
      resource: {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        namespace: 'kube-tools',
        name: 'node-agent',
        cluster: 'prod-eu-1',
        environment: 'prod',
      },
      outcome: 'blocked',
      message: 'container agent is privileged',
    },
  ],
  exempted: [
    {
      entityRef: 'component:default/ledger',
      owner: 'group:default/ledger',
      resource: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        namespace: 'ledger-prod',
        name: 'db',
        cluster: 'prod-us-1',
        environment: 'prod',
      },
      outcome: 'blocked',
      message: 'container db is privileged',
      exemption: 'ledger-vendor-db',
    },
  ],
  totals: { entities: 1, namespaces: 2, workloads: 2, unowned: 1 },
  missing: [],
  stale: [],
};

const prodNeverRead = {
  cluster: 'prod-eu-1',
  error:
    "Cluster 'prod-eu-1': list Namespace in all namespaces failed: NetworkError (ECONNREFUSED: connection refused)",
  failedAt: '2026-12-21T23:00:00.000Z',
};

const exemption = {
  name: 'ledger-vendor-db',
  guardrails: [privileged.id],
  scope: { entity: 'component:default/ledger', environments: ['prod'] },
  reason: 'vendor' as const,
  justification: 'Vendor database image needs privileged mode until 4.2',
  owner: 'group:default/ledger',
  approvedBy: 'user:default/platform-lead',
  expiresAt: '2027-01-01T00:00:00.000Z',
  daysLeft: 10,
};

const exemptions: ApiExemptions = {
  active: [exemption],
  expiringSoon: [exemption],
  expired: [
    {
      ...exemption,
      name: 'payments-limits',
      reason: 'migration',
      expiresAt: '2026-12-12T00:00:00.000Z',
      daysLeft: -10,
    },
  ],
};

function api(overrides: Partial<GuardrailsApi> = {}): Partial<GuardrailsApi> {
  return {
    getGuardrails: jest.fn(async () => guardrailList),
    getDistribution: jest.fn(async () => distribution),
    getHistory: jest.fn(async () => history),
    getImpact: jest.fn(async () => impact),
    getExemptions: jest.fn(async () => exemptions),
    runAudit: jest.fn(async () => ({ status: 'started' as const })),
    ...overrides,
  };
}

async function openTab(name: string) {
  await userEvent.click(screen.getByRole('tab', { name }));
}

describe('GuardrailsPage', () => {
  beforeEach(() => fixClock());
  afterEach(() => jest.useRealTimers());

  it('shows the distribution by guardrail and environment without ranking teams', async () => {
    await renderWithApi(<GuardrailsPage />, api(), { entity: null });
    const table = await screen.findByRole('table', {
      name: 'Results by guardrail and environment',
    });
    const rows = within(table).getAllByRole('row');
    expect(
      within(rows[0])
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual(['Guardrail', 'dev', 'prod']);
    expect(rows[1]).toHaveTextContent('Containers must not run privileged');
    expect(rows[1]).toHaveTextContent('no violations');
    expect(rows[1]).toHaveTextContent('3 warning');
    expect(rows[1]).toHaveTextContent('30% of 10 objects, 1 exempted');
    expect(rows[2]).toHaveTextContent(
      'Containers must declare resource limits',
    );
    expect(rows[2]).toHaveTextContent('not evaluated');
    expect(rows[2]).toHaveTextContent('2 failing, 1 error');
    expect(screen.queryByText(/team/i)).not.toBeInTheDocument();
  });

  it('names the clusters whose data is missing or stale, and never shows an environment without data as clean', async () => {
    await renderWithApi(
      <GuardrailsPage />,
      api({
        getDistribution: jest.fn(async () => ({
          ...distribution,
          rows: distribution.rows.filter(r => r.environment === 'dev'),
          missing: [{ ...prodNeverRead, environment: 'prod' }],
          stale: [
            {
              cluster: 'dev-1',
              environment: 'dev',
              error:
                "Cluster 'dev-1': list Pod in all namespaces failed: 500 InternalError",
              failedAt: '2026-12-21T23:00:00.000Z',
              lastSuccessAt: '2026-12-21T20:00:00.000Z',
            },
          ],
        })),
      }),
      { entity: null },
    );
    const table = await screen.findByRole('table', {
      name: 'Results by guardrail and environment',
    });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('no violations');
    expect(row).toHaveTextContent('data missing for cluster prod-eu-1');
    expect(row).not.toHaveTextContent('not evaluated');
    const notices = screen.getAllByRole('status').map(n => n.textContent);
    expect(notices).toEqual([
      expect.stringContaining(
        'Data missing for cluster prod-eu-1 (prod): never audited successfully',
      ),
      expect.stringContaining(
        'Stale data for cluster dev-1 (dev): counted from the last good audit at 2026-12-21 20:00 UTC',
      ),
    ]);
    expect(notices[0]).toContain('ECONNREFUSED: connection refused');
  });

  it('never answers a what-if with "nothing affected" for an environment without data', async () => {
    await renderWithApi(
      <GuardrailsPage />,
      api({
        getImpact: jest.fn(async () => ({
          ...impact,
          affected: [],
          exempted: [],
          totals: { entities: 0, namespaces: 0, workloads: 0, unowned: 0 },
          missing: [prodNeverRead],
        })),
      }),
      { entity: null },
    );
    await openTab('What if');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show impact' }),
    );
    const result = await screen.findByRole('region', {
      name: 'What-if result',
    });
    expect(result).not.toHaveTextContent(/Nothing would be/);
    expect(within(result).getAllByRole('status')[0]).toHaveTextContent(
      'Unknown: cluster prod-eu-1 of prod has no data, so what pod.no-privileged at block would affect there cannot be told.',
    );
    expect(result).toHaveTextContent('ECONNREFUSED: connection refused');
  });

  it('says a what-if counts only the clusters with data', async () => {
    await renderWithApi(
      <GuardrailsPage />,
      api({
        getImpact: jest.fn(async () => ({
          ...impact,
          missing: [prodNeverRead],
        })),
      }),
      { entity: null },
    );
    await openTab('What if');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show impact' }),
    );
    expect(
      await screen.findByText(
        'At least 2 objects would be blocked with pod.no-privileged at block in prod; cluster prod-eu-1 has no data.',
      ),
    ).toBeInTheDocument();
  });

  it('draws the trend as an accessible chart with a table fallback', async () => {
    const getHistory = jest.fn(async () => history);
    await renderWithApi(<GuardrailsPage />, api({ getHistory }), {
      entity: null,
    });
    const chart = await screen.findByRole('img', {
      name: /Violations per day, last 30 days \(all guardrails, all environments\)/,
    });
    expect(chart).toHaveAccessibleName(
      expect.stringContaining('From 2026-12-20 to 2026-12-22'),
    );
    expect(getHistory).toHaveBeenCalledWith({ days: 30 });
    const toggle = screen.getByRole('button', { name: 'Show data table' });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const table = screen.getByRole('table', { name: /Violations per day/ });
    expect(
      within(table)
        .getAllByRole('row')
        .map(r => r.textContent),
    ).toEqual([
      'DateFailing (block, auto-correct)Warnings (observe, warn)Evaluation errors',
      '2026-12-20150',
      '2026-12-21000',
      '2026-12-22031',
    ]);
    await userEvent.selectOptions(screen.getByLabelText('Environment'), 'dev');
    expect(
      within(
        screen.getByRole('table', { name: /Violations per day/ }),
      ).getAllByRole('row')[1],
    ).toHaveTextContent('2026-12-20100');
    await userEvent.selectOptions(screen.getByLabelText('Period'), '90');
    expect(getHistory).toHaveBeenLastCalledWith({ days: 90 });
  });

  it('lists the guardrail catalog with rationale and rollout per environment', async () => {
    await renderWithApi(<GuardrailsPage />, api(), { entity: null });
    await openTab('Guardrails');
    const table = await screen.findByRole('table', {
      name: 'Guardrail catalog',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('pod.no-privileged');
    expect(rows[0]).toHaveTextContent('preventive');
    expect(rows[0]).toHaveTextContent(
      'A privileged container has root on the node',
    );
    const rollout = within(rows[0]).getByRole('list', {
      name: 'Rollout of Containers must not run privileged',
    });
    expect(
      within(rollout)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['devwarn', 'prodwarn→ block on 2027-02-01 (41 days)']);
    expect(rows[1]).toHaveTextContent(
      'Audit only: needs the namespace LimitRange',
    );
    await userEvent.type(screen.getByLabelText('Search'), 'starve');
    expect(within(table).getAllByRole('row').slice(1)).toHaveLength(1);
    expect(screen.getByText('1 of 2 guardrails')).toBeInTheDocument();
  });

  it('runs a what-if and shows affected objects, owners and exemptions', async () => {
    const getImpact = jest.fn(async () => impact);
    await renderWithApi(<GuardrailsPage />, api({ getImpact }), {
      entity: null,
    });
    await openTab('What if');
    await screen.findByRole('form', { name: 'What-if' });
    expect(
      screen.getByText(
        /Now: warn in prod; becomes block in prod on 2027-02-01 — 41 days/,
      ),
    ).toBeInTheDocument();
    await userEvent.selectOptions(
      screen.getByLabelText('Guardrail'),
      privileged.id,
    );
    await userEvent.selectOptions(screen.getByLabelText('Environment'), 'prod');
    await userEvent.selectOptions(screen.getByLabelText('Level'), 'block');
    await userEvent.click(screen.getByRole('button', { name: 'Show impact' }));
    expect(getImpact).toHaveBeenCalledWith({
      guardrail: privileged.id,
      environment: 'prod',
      level: 'block',
    });
    expect(
      await screen.findByText(
        '2 objects would be blocked with pod.no-privileged at block in prod.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /1 component, 2 namespaces, 2 workloads; 1 object without an owner/,
      ),
    ).toBeInTheDocument();
    const affected = screen.getByRole('table', { name: 'Affected objects' });
    const rows = within(affected).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('payments-api');
    expect(rows[0]).toHaveTextContent('Deployment api');
    expect(rows[1]).toHaveTextContent('not in the catalog');
    expect(rows[1]).toHaveTextContent('no owner');
    const exempted = screen.getByRole('table', { name: 'Exempted objects' });
    expect(exempted).toHaveTextContent('ledger-vendor-db');
    expect(
      screen.getByText('Owners to talk to before changing the plan'),
    ).toBeInTheDocument();
  });

  it('shows the what-if error and keeps the form', async () => {
    await renderWithApi(
      <GuardrailsPage />,
      api({
        getImpact: jest.fn(async () =>
          Promise.reject(new Error('unknown guardrail')),
        ),
      }),
      { entity: null },
    );
    await openTab('What if');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show impact' }),
    );
    expect(
      (await screen.findAllByText(/unknown guardrail/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Show impact' })).toBeEnabled();
  });

  it('lists exemptions expiring soon, active and expired', async () => {
    await renderWithApi(<GuardrailsPage />, api(), { entity: null });
    await openTab('Exemptions');
    const soon = await screen.findByRole('region', {
      name: 'Expiring soon (1)',
    });
    expect(soon).toHaveTextContent('ledger-vendor-db');
    expect(soon).toHaveTextContent('2027-01-01');
    expect(soon).toHaveTextContent('in 10 days');
    expect(soon).toHaveTextContent(
      'component:default/ledger; environments prod',
    );
    const expired = screen.getByRole('region', { name: 'Expired (1)' });
    expect(expired).toHaveTextContent('payments-limits');
    expect(expired).toHaveTextContent('10 days ago');
  });

  it('shows cost by cost centre on the Budgets tab', async () => {
    const getCosts = jest.fn(async () => ({
      currency: 'USD',
      prices: [{ environment: 'prod', cpu: 30, memoryGiB: 4 }],
      rows: [],
      budgets: [],
      trend: [],
      missing: [],
      stale: [],
    }));
    await renderWithApi(<GuardrailsPage />, api({ getCosts }), {
      entity: null,
    });
    await openTab('Budgets');
    expect(
      await screen.findByRole('table', {
        name: 'Prices the estimates use, in USD per month',
      }),
    ).toHaveTextContent('prod');
    expect(getCosts).toHaveBeenCalledWith({ days: 30 });
  });

  it('shows the stage changes ahead on the Rollout readiness tab', async () => {
    const getReadiness = jest.fn(async () => ({
      generatedAt: '2027-01-22T09:00:00.000Z',
      horizonDays: 60,
      changes: [],
    }));
    await renderWithApi(<GuardrailsPage />, api({ getReadiness }), {
      entity: null,
    });
    await openTab('Rollout readiness');
    expect(
      await screen.findByText('No stage change in the next 60 days.'),
    ).toBeInTheDocument();
    expect(getReadiness).toHaveBeenCalledTimes(1);
  });

  it('starts an audit and reports it', async () => {
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    const runAudit = jest.fn(async () => ({
      status: 'already-running' as const,
    }));
    await renderWithApi(<GuardrailsPage />, api({ runAudit }), {
      entity: null,
      extraApis: [[alertApiRef, alertApi]],
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Run audit now' }),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: expect.stringContaining('already running'),
          severity: 'info',
        }),
      ),
    );
    expect(screen.getByRole('button', { name: 'Run audit now' })).toBeEnabled();
  });

  it('disables the audit button with a reason when the backend forbids it', async () => {
    const forbidden = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'not allowed' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await renderWithApi(
      <GuardrailsPage />,
      api({ runAudit: jest.fn(async () => Promise.reject(forbidden)) }),
      { entity: null },
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Run audit now' }),
    );
    expect(
      await screen.findByText('You do not have permission to start audits.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Run audit now' }),
    ).toBeDisabled();
  });
});
