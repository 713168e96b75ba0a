import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixClock, largeReport } from '../../__testUtils__/fixtures';
import {
  groupedGuardrailList,
  groupedReport,
} from '../../__testUtils__/groupedFixtures';
import {
  expectPrivilegedExplained,
  listTexts,
} from '../../__testUtils__/expectations';
import { renderWithApi } from '../../__testUtils__/render';
import { tabApi } from '../../__testUtils__/tabApi';
import { EntityGuardrailsContent } from '../EntityGuardrailsContent';

const GROUPS = 'Guardrail violations';

async function renderTab(report = groupedReport) {
  await renderWithApi(
    <EntityGuardrailsContent />,
    tabApi({ report, guardrails: groupedGuardrailList }),
  );
  return screen.findByRole('table', { name: GROUPS });
}

const TOGGLE = /^(?:Show|Hide) the \d+ violations? of (.+)$/;

/** The titles of the guardrail rows of the grouped view, top to bottom. */
function groupTitles() {
  const table = screen.getByRole('table', { name: GROUPS });
  return within(table)
    .getAllByRole('button', { name: TOGGLE })
    .map(button => button.getAttribute('aria-label')!.match(TOGGLE)![1]);
}

function groupRow(title: string) {
  const table = screen.getByRole('table', { name: GROUPS });
  return within(table)
    .getByRole('button', { name: new RegExp(` of ${title}$`) })
    .closest('tr')!;
}

describe('violations grouped by guardrail', () => {
  beforeEach(() => fixClock());
  afterEach(() => jest.useRealTimers());

  it('shows one row per guardrail with its severity, level per environment, objects and age', async () => {
    await renderTab();
    expect(screen.getByText('10 violations, 5 guardrails')).toBeInTheDocument();
    // Strictest level first, then the most severe, then the most objects.
    expect(groupTitles()).toEqual([
      'Containers must not run privileged',
      'Containers must declare resource limits',
      'require-labels/check-team',
    ]);
    const privileged = groupRow('Containers must not run privileged');
    expect(privileged).toHaveTextContent('pod.no-privileged');
    expect(privileged).toHaveTextContent('high');
    expect(
      listTexts(privileged, 'Levels of Containers must not run privileged'),
    ).toEqual(['dev: warn', 'prod: warn']);
    expect(within(privileged).getAllByRole('cell')[4]).toHaveTextContent(/^4$/);
    expect(within(privileged).getByText('3 days ago')).toHaveAttribute(
      'title',
      '2026-12-19 00:00 UTC',
    );
    const limits = groupRow('Containers must declare resource limits');
    expect(
      listTexts(limits, 'Levels of Containers must declare resource limits'),
    ).toEqual(['dev: observe', 'prod: warn']);
  });

  it("tells an environment's next stage change when its level chip gets the keyboard focus", async () => {
    await renderTab();
    const privileged = groupRow('Containers must not run privileged');
    const chip = (row: HTMLElement, label: string) =>
      within(row).getByText(label).closest<HTMLElement>('[tabindex="0"]')!;

    // Keyboard focus, as a Tab press gives it.
    await userEvent.keyboard('{Shift}');
    act(() => chip(privileged, 'prod: warn').focus());
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'becomes block in prod on 2027-02-01 — 41 days',
    );
    await userEvent.hover(chip(privileged, 'dev: warn'));
    expect(
      await screen.findByRole('tooltip', {
        name: 'no further stage planned in dev',
      }),
    ).toBeInTheDocument();
    await userEvent.hover(
      chip(groupRow('require-labels/check-team'), 'dev: warn'),
    );
    expect(
      await screen.findByRole('tooltip', {
        name: 'not in the guardrail pack: no rollout plan',
      }),
    ).toBeInTheDocument();
  });

  it('expands a guardrail to its rationale, remediation and docs once, its rollout where it fails and each violation', async () => {
    await renderTab();
    const toggle = screen.getByRole('button', {
      name: 'Show the 4 violations of Containers must not run privileged',
    });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const details = document.getElementById(
      toggle.getAttribute('aria-controls')!,
    )!;
    expectPrivilegedExplained(details);
    expect(details).toHaveTextContent('Now warn in dev; no further stage');
    expect(details).toHaveTextContent(
      'Now warn in prod; becomes block in prod on 2027-02-01 — 41 days',
    );
    const violations = within(details).getByRole('table', {
      name: 'Violations of Containers must not run privileged',
    });
    const rows = within(violations).getAllByRole('row').slice(1);
    expect(rows.map(row => row.querySelector('th')!.textContent)).toEqual([
      'Deployment payments-dev/apidev-1 · audit',
      'Deployment payments-dev/workerdev-1 · audit',
      'Deployment payments-prod/apiprod-eu-1 · audit',
      'Deployment payments-prod/workerprod-eu-1 · audit',
    ]);
    expect(rows[3]).toHaveTextContent(
      'pod.no-privileged fails on worker in prod',
    );
    expect(rows[3]).toHaveTextContent('Exempted');
    expect(rows[3]).toHaveTextContent('expires in 69 days');
    expect(within(rows[0]).getByText('3 days ago')).toBeInTheDocument();
  });

  it('folds the guardrails failing only at observe under "N more at observe", and unfolds them', async () => {
    await renderTab();
    const fold = screen.getByRole('button', { name: '2 more at observe' });
    expect(fold).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByText('Containers should declare health probes'),
    ).not.toBeInTheDocument();
    await userEvent.click(fold);
    expect(fold).toHaveAttribute('aria-expanded', 'true');
    expect(fold).toHaveTextContent('Fold the 2 at observe');
    expect(groupTitles().slice(3)).toEqual([
      'Containers should declare health probes',
      'Containers should use a read-only root file system',
    ]);
    await userEvent.click(fold);
    expect(groupTitles()).toHaveLength(3);
  });

  it('filters the groups by environment, level and severity', async () => {
    await renderTab();
    await userEvent.selectOptions(screen.getByLabelText('Environment'), 'prod');
    expect(
      screen.getByText('4 of 10 violations match the filters, 3 guardrails'),
    ).toBeInTheDocument();
    const privileged = groupRow('Containers must not run privileged');
    expect(within(privileged).getAllByRole('listitem')).toHaveLength(1);
    expect(within(privileged).getAllByRole('cell')[4]).toHaveTextContent(/^2$/);
    expect(
      screen.getByRole('button', { name: '1 more at observe' }),
    ).toBeInTheDocument();

    // A level filter shows what it selects without folding it.
    await userEvent.selectOptions(screen.getByLabelText('Environment'), '');
    await userEvent.selectOptions(screen.getByLabelText('Level'), 'observe');
    expect(groupTitles()).toEqual([
      'Containers should declare health probes',
      'Containers must declare resource limits',
      'Containers should use a read-only root file system',
    ]);
    expect(
      screen.queryByRole('button', { name: /more at observe/ }),
    ).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Level'), '');
    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'high');
    expect(groupTitles()).toEqual(['Containers must not run privileged']);
    await userEvent.selectOptions(screen.getByLabelText('Level'), 'block');
    expect(
      screen.getByText('No violations match these filters.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(groupTitles()).toHaveLength(3);
  });

  it('sorts the groups by a column and reverses on a second click', async () => {
    await renderTab();
    await userEvent.click(screen.getByRole('button', { name: 'Objects' }));
    expect(
      within(screen.getByRole('table', { name: GROUPS })).getByRole(
        'columnheader',
        { name: /Objects/ },
      ),
    ).toHaveAttribute('aria-sort', 'descending');
    expect(groupTitles()).toEqual([
      'Containers must not run privileged',
      'Containers must declare resource limits',
      'require-labels/check-team',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Guardrail' }));
    expect(groupTitles()).toEqual([
      'Containers must declare resource limits',
      'Containers must not run privileged',
      'require-labels/check-team',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Guardrail' }));
    expect(groupTitles()).toEqual([
      'require-labels/check-team',
      'Containers must not run privileged',
      'Containers must declare resource limits',
    ]);
  });

  it('groups 1,000 violations of 20 guardrails and filters them', async () => {
    await renderTab(largeReport(1000, 20));
    expect(
      screen.getByText('1000 violations, 20 guardrails'),
    ).toBeInTheDocument();
    expect(groupTitles()).toHaveLength(15);
    expect(
      screen.getByRole('button', { name: '5 more at observe' }),
    ).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Level'), 'block');
    expect(
      screen.getByText(
        '250 of 1000 violations match the filters, 5 guardrails',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the 50 violations of Benchmark rule 02',
      }),
    );
    const violations = screen.getByRole('table', {
      name: 'Violations of Benchmark rule 02',
    });
    expect(within(violations).getAllByRole('row')).toHaveLength(26);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show 25 more of 25' }),
    );
    expect(within(violations).getAllByRole('row')).toHaveLength(51);
    // The limit of the test runner, not a measure: a machine busy with other test files needs more than 5 s.
  }, 30_000);
});
