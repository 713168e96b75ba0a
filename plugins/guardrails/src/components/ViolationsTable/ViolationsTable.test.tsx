import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fixClock,
  largeReport,
  report as defaultReport,
} from '../../__testUtils__/fixtures';
import {
  expectPrivilegedExplained,
  listTexts,
} from '../../__testUtils__/expectations';
import { renderWithApi } from '../../__testUtils__/render';
import { tabApi } from '../../__testUtils__/tabApi';
import { EntityGuardrailsContent } from '../EntityGuardrailsContent';

/** The tab, switched to one row per violation. */
async function renderFlat(report = defaultReport) {
  await renderWithApi(<EntityGuardrailsContent />, tabApi({ report }));
  await userEvent.click(
    await screen.findByRole('button', { name: 'Every violation' }),
  );
  expect(
    screen.getByRole('button', { name: 'Every violation' }),
  ).toHaveAttribute('aria-pressed', 'true');
  return screen.getByRole('table', {
    name: 'Guardrail violations, one per row',
  });
}

function violationRows() {
  const table = screen.getByRole('table', {
    name: 'Guardrail violations, one per row',
  });
  // Header row excluded; detail rows have no expand button.
  return within(table)
    .getAllByRole('row')
    .filter(row => within(row).queryByRole('button', { name: /details of/ }));
}

describe('violations, one per row', () => {
  beforeEach(() => fixClock());
  afterEach(() => jest.useRealTimers());

  it('lists violations with guardrail, resource, level, severity, age and exemption', async () => {
    await renderFlat();
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
    expect(devRow).toHaveTextContent('dev: observe');
    expect(devRow).toHaveTextContent('Expired exemption');
    expect(devRow).toHaveTextContent('expired 10 days ago');
  });

  it('filters by environment, level and severity', async () => {
    await renderFlat();
    await userEvent.selectOptions(screen.getByLabelText('Environment'), 'dev');
    expect(violationRows()).toHaveLength(1);
    expect(
      screen.getByText('1 of 2 violations match the filters'),
    ).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Environment'), '');
    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'high');
    expect(violationRows()).toHaveLength(1);
    expect(violationRows()[0]).toHaveTextContent('pod.no-privileged');
    await userEvent.selectOptions(screen.getByLabelText('Severity'), '');
    expect(violationRows()).toHaveLength(2);
  });

  it('sorts by a column and reverses on a second click', async () => {
    await renderFlat();
    await userEvent.click(screen.getByRole('button', { name: 'Resource' }));
    expect(violationRows()[0]).toHaveTextContent('payments-dev');
    expect(
      within(
        screen.getByRole('table', {
          name: 'Guardrail violations, one per row',
        }),
      ).getByRole('columnheader', { name: /Resource/ }),
    ).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(screen.getByRole('button', { name: 'Resource' }));
    expect(violationRows()[0]).toHaveTextContent('payments-prod');
  });

  it('expands a row with the keyboard to the rationale, remediation, docs and rollout timeline', async () => {
    await renderFlat();
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
    expectPrivilegedExplained(details);
    expect(details).toHaveTextContent(
      'Now warn in prod; becomes block in prod on 2027-02-01 — 41 days',
    );
    expect(
      listTexts(
        details,
        'Rollout of Containers must not run privileged in prod',
      ),
    ).toEqual([
      'observeearlier',
      '→warnnow, since 2026-12-01',
      '→blockfrom 2027-02-01',
    ]);
    await userEvent.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('pages through 1,000 violations and filters them', async () => {
    await renderFlat(largeReport(1000));
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
    expect(
      violationRows().every(row =>
        within(row).getByText(/^(dev|prod): block$/),
      ),
    ).toBe(true);
    // The limit of the test runner, not a measure: a machine busy with other test files needs more than 5 s.
  }, 30_000);
});
