import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ApiEntityReport } from '@guardrails-dev/plugin-guardrails-common';
import { fixClock } from '../../__testUtils__/fixtures';
import {
  groupedGuardrailList,
  groupedReport,
} from '../../__testUtils__/groupedFixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { tabApi } from '../../__testUtils__/tabApi';
import { EntityGuardrailsContent } from '../EntityGuardrailsContent';

async function renderTab(report: ApiEntityReport = groupedReport) {
  await renderWithApi(
    <EntityGuardrailsContent />,
    tabApi({ report, guardrails: groupedGuardrailList }),
  );
  await screen.findByRole('table', { name: 'Guardrail violations' });
}

/** Follows the fix-first link of a guardrail. */
async function openFix(title: string) {
  await userEvent.click(screen.getByRole('link', { name: title }));
}

/** Expects the guardrail's row in the grouped view open, with the keyboard focus on its toggle. */
async function expectOpenAndFocused(toggleName: string) {
  const toggle = screen.getByRole('button', { name: toggleName });
  expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await waitFor(() => expect(toggle).toHaveFocus());
}

function onlyOf(guardrails: string[]): ApiEntityReport {
  return {
    ...groupedReport,
    environments: groupedReport.environments.map(env => ({
      ...env,
      violations: env.violations.filter(v => guardrails.includes(v.guardrail)),
    })),
  };
}

describe('fix first', () => {
  beforeEach(() => fixClock());
  afterEach(() => jest.useRealTimers());

  it('lists the guardrails that start warning or denying where the component fails them, soonest first', async () => {
    await renderTab();
    const table = await screen.findByRole('table', { name: 'Fix first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(row => within(row).getByRole('link').textContent)).toEqual([
      'Containers should use a read-only root file system',
      'Containers must not run privileged',
      'Containers must declare resource limits',
    ]);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent);
    expect(cells(rows[0])).toEqual([
      'in 14 days2027-01-05',
      'Containers should use a read-only root file systempod.read-only-root-filesystem',
      'dev: observe → warn on 2027-01-05 (in 14 days)',
      '1',
    ]);
    // Privileged: dev has no further stage; in prod the worker's exemption outlasts the block date.
    expect(cells(rows[1])).toEqual([
      'in 41 days2027-02-01',
      'Containers must not run privilegedpod.no-privileged',
      'prod: warn → block on 2027-02-01 (in 41 days)',
      '1',
    ]);
    // Limits: the prod exemption ends before the block date, so the object counts.
    expect(cells(rows[2])).toEqual([
      'in 83 days2027-03-15',
      'Containers must declare resource limitspod.resource-limits',
      'prod: warn → block on 2027-03-15 (in 83 days)',
      '1',
    ]);
  });

  it('says so when nothing tightens in the next 90 days', async () => {
    await renderTab(
      onlyOf(['pod.health-probes', 'kyverno/require-labels/check-team']),
    );
    expect(
      screen.queryByRole('table', { name: 'Fix first' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/^Nothing tightens in the next 90 days/),
    ).toBeInTheDocument();
  });

  it("opens a guardrail's group from its link, unfolding the guardrails at observe", async () => {
    await renderTab();
    await openFix('Containers should use a read-only root file system');
    expect(
      screen.getByRole('button', { name: 'Fold the 2 at observe' }),
    ).toHaveAttribute('aria-expanded', 'true');
    await expectOpenAndFocused(
      'Hide the 1 violation of Containers should use a read-only root file system',
    );
  });

  it('opens the group from the flat layout, clearing filters that hide it', async () => {
    await renderTab();
    await userEvent.click(
      screen.getByRole('button', { name: 'Every violation' }),
    );
    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'high');
    await openFix('Containers must declare resource limits');
    expect(
      screen.getByRole('button', { name: 'By guardrail' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByLabelText('Severity')).toHaveValue('');
    await expectOpenAndFocused(
      'Hide the 2 violations of Containers must declare resource limits',
    );
  });
});
