import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { guardrailList } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { GuardrailsPage } from '../GuardrailsPage';
import {
  expectTexts,
  renderEnforcementView,
} from './__testUtils__/renderEnforcementView';
import {
  enforcementState,
  failing,
  inSync,
  neverSynced,
  off,
  pausedInCluster,
  prodPaused,
  stale,
} from './__testUtils__/testData';

/** The section of one cluster, found by its heading. */
const cluster = (name: string) => screen.getByRole('region', { name });

/** Opens a collapsed part of a cluster and gives the first data row of its table. */
async function firstRow(label: string, table: string) {
  await userEvent.click(screen.getByRole('button', { name: `Show ${label}` }));
  const rows = within(screen.getByRole('table', { name: table })).getAllByRole(
    'row',
  );
  return rows[1];
}

describe('EnforcementView', () => {
  it('shows a cluster in sync: last sync, next change relative and absolute, bindings enforced now, recent changes', async () => {
    await renderEnforcementView(enforcementState([inSync]));
    expect(
      await screen.findByRole('heading', { name: 'prod', level: 2 }),
    ).toBeInTheDocument();
    const section = cluster('prod-eu-1');
    expect(within(section).getByText('In sync')).toBeInTheDocument();
    expect(section).toHaveTextContent(
      'Last sync: 1 minute ago (2026-12-21 23:59 UTC) succeeded',
    );
    expect(section).toHaveTextContent(
      'guardrails.pod.no-privileged.prod was edited (spec.validationActions)',
    );
    expect(section).toHaveTextContent(
      'Next change: in 41 days (2027-02-01 00:00 UTC)',
    );
    const next = within(section).getByRole('list', {
      name: 'Changes at the next scheduled change',
    });
    expectTexts(next, [
      'pod.no-privileged in prod: warn → block (Deny)',
      'Exemption ledger-vendor-db expires',
    ]);

    const row = await firstRow(
      'bindings enforced in prod-eu-1',
      'Enforced now in prod-eu-1',
    );
    expectTexts(row, [
      'pod.no-privileged',
      'Warn, Audit',
      'guardrails.pod.no-privileged.prod',
    ]);

    const change = await firstRow(
      'recent changes in prod-eu-1',
      'Recent changes in prod-eu-1',
    );
    expectTexts(change, [
      '1 minute ago',
      'update',
      'Audit → Warn, Audit',
      'restored after a hand edit',
    ]);
  });

  it('shows a failing cluster with its reason and that what is in place stays in force, never as in sync', async () => {
    await renderEnforcementView(enforcementState([failing]));
    const section = await screen.findByRole('region', { name: 'prod-us-1' });
    expect(within(section).getByText('Failing')).toBeInTheDocument();
    expect(within(section).queryByText('In sync')).not.toBeInTheDocument();
    expect(within(section).getByRole('status')).toHaveTextContent(
      "The last sync failed: Cluster 'prod-us-1': list ValidatingAdmissionPolicyBinding failed: 503 ServiceUnavailable. The policies in place stay in force",
    );
    expect(section).toHaveTextContent('(2026-12-21 23:58 UTC) failed');
  });

  it('shows a cluster never synced and a stale one as such, with the reason', async () => {
    await renderEnforcementView(enforcementState([neverSynced, stale]));
    const never = await screen.findByRole('region', { name: 'dev-1' });
    expect(within(never).getByText('Unknown')).toBeInTheDocument();
    expect(within(never).getByRole('status')).toHaveTextContent(
      'Not synced yet: what this cluster enforces is unknown until a sync succeeds.',
    );
    expect(never).toHaveTextContent('Last sync: none yet.');
    const old = cluster('dev-2');
    expect(within(old).getByText('Stale')).toBeInTheDocument();
    expect(within(old).getByRole('status')).toHaveTextContent(
      'No recent sync: the last sync was 2 hours ago (2026-12-21 22:00 UTC), more than three sync intervals ago',
    );
    expect(screen.queryByText('In sync')).not.toBeInTheDocument();
  });

  it('shows an environment left to GitOps as off, with how to export its policies, and no pause', async () => {
    await renderEnforcementView(enforcementState([off]), { canPause: true });
    const section = await screen.findByRole('region', { name: 'staging-1' });
    expect(within(section).getByText('Off (GitOps)')).toBeInTheDocument();
    expect(within(section).getByRole('status')).toHaveTextContent(
      'admission is left to GitOps',
    );
    expect(
      screen.getByRole('group', { name: 'Enforcement of staging' }),
    ).toHaveTextContent('guardrails export vap --env staging');
    expect(
      screen.queryByRole('button', { name: /enforcement in staging/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/Last sync/)).not.toBeInTheDocument();
  });

  it('shows who paused an environment, when and why, and per cluster whether the pause is in force or pending', async () => {
    await renderEnforcementView(
      enforcementState([pausedInCluster, { ...failing }], [prodPaused]),
    );
    const environment = await screen.findByRole('group', {
      name: 'Enforcement of prod',
    });
    expect(environment).toHaveTextContent(
      'Paused by jane 10 minutes ago (2026-12-21 23:50 UTC): INC-4711: deploys blocked by a bad rollout. From the next sync on, its bindings audit only: nothing is denied or warned.',
    );
    expect(
      within(cluster('prod-eu-1')).getByText('prod: Paused: audit only'),
    ).toBeInTheDocument();
    expect(
      within(cluster('prod-us-1')).getByText('prod: Pause pending next sync'),
    ).toBeInTheDocument();
  });

  it('groups clusters by environment and never shows a cluster address', async () => {
    const state = enforcementState([inSync, neverSynced, off]);
    await renderEnforcementView(state);
    const headings = await screen.findAllByRole('heading', { level: 2 });
    expect(headings.map(h => h.textContent)).toEqual([
      'prod',
      'dev',
      'staging',
      'Next sync preview',
    ]);
    expect(document.body.textContent).not.toMatch(/https?:\/\//);
  });

  it('says when no environment is configured', async () => {
    await renderEnforcementView(enforcementState([], []));
    expect(
      await screen.findByText(/No environment is configured/),
    ).toBeInTheDocument();
  });

  it('says when the enforcement state cannot be loaded', async () => {
    await renderEnforcementView(enforcementState([]), {
      api: {
        getEnforcementState: jest.fn(async () => {
          throw new Error('backend unavailable');
        }),
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the enforcement state');
    expect(alert).toHaveTextContent('backend unavailable');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled();
  });

  it('is the Enforcement tab of the platform page', async () => {
    await renderWithApi(
      <GuardrailsPage />,
      {
        getGuardrails: jest.fn(async () => guardrailList),
        getDistribution: jest.fn(() => new Promise<never>(() => {})),
        getHistory: jest.fn(() => new Promise<never>(() => {})),
        getEnforcementState: jest.fn(async () => enforcementState([inSync])),
      },
      {
        entity: null,
        extraApis: [[permissionApiRef, { authorize: jest.fn() }]],
      },
    );
    await userEvent.click(screen.getByRole('tab', { name: 'Enforcement' }));
    expect(
      await screen.findByRole('region', { name: 'prod-eu-1' }),
    ).toHaveTextContent('In sync');
  });
});
