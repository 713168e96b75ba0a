import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ApiReadiness,
  ApiReadinessChange,
} from '@guardrails-dev/plugin-guardrails-common';
import { renderWithApi } from '../../__testUtils__/render';
import { ReadinessView } from './ReadinessView';

const resource = (namespace: string, name: string, kind = 'Deployment') => ({
  apiVersion: 'apps/v1',
  kind,
  namespace,
  name,
  cluster: 'prod-eu',
  environment: 'prod',
});

const block: ApiReadinessChange = {
  guardrail: 'workload.min-replicas',
  title: 'Workloads must run at least two replicas',
  environment: 'prod',
  level: 'block',
  previousLevel: 'warn',
  from: '2027-02-01T00:00:00.000Z',
  daysUntil: 10,
  totals: {
    components: 2,
    namespaces: 2,
    objects: 3,
    unowned: 0,
    exemptionsEnding: 1,
  },
  owners: ['group:default/platform', 'group:default/search'],
  objects: [
    {
      entityRef: 'component:default/search-indexer',
      owner: 'group:default/platform',
      resource: resource('search', 'indexer'),
      message: 'runs 1 replica',
    },
    {
      entityRef: 'component:default/search-indexer',
      owner: 'group:default/platform',
      resource: resource('search', 'reindex', 'CronJob'),
      message: 'Exempted by reindex-migration',
      exemptionEnding: {
        name: 'reindex-migration',
        expiresAt: '2027-01-28T00:00:00.000Z',
      },
    },
    {
      entityRef: 'component:default/checkout-web',
      owner: 'group:default/search',
      resource: resource('checkout', 'web'),
      message: 'runs 1 replica',
    },
  ],
  notified: { count: 2, firstSentAt: '2027-01-18T00:01:00.000Z' },
  burnDown: {
    from: '2027-01-18',
    to: '2027-01-22',
    points: [
      { date: '2027-01-18', objects: 5 },
      { date: '2027-01-19', objects: 4 },
      { date: '2027-01-22', objects: 2 },
    ],
  },
  missing: [],
  stale: [],
};

const unknown: ApiReadinessChange = {
  guardrail: 'pod.no-privileged',
  title: 'Containers must not run privileged',
  environment: 'staging',
  level: 'warn',
  previousLevel: 'observe',
  from: '2027-02-10T00:00:00.000Z',
  daysUntil: 19,
  totals: {
    components: 0,
    namespaces: 0,
    objects: 0,
    unowned: 0,
    exemptionsEnding: 0,
  },
  owners: [],
  objects: [],
  notified: { count: 0 },
  burnDown: { from: '2026-12-24', to: '2027-01-22', points: [] },
  missing: [{ cluster: 'staging-1' }],
  stale: [],
};

const readiness = (changes: ApiReadinessChange[]): ApiReadiness => ({
  generatedAt: '2027-01-22T09:00:00.000Z',
  horizonDays: 60,
  changes,
});

async function renderView(changes: ApiReadinessChange[]) {
  await renderWithApi(
    <ReadinessView />,
    { getReadiness: async () => readiness(changes) },
    { entity: null },
  );
}

const section = (name: RegExp) => screen.getByRole('region', { name });

/** The definition list of a change's section, as term → description text. */
function facts(region: HTMLElement): Record<string, string> {
  const terms = region.querySelectorAll('dt');
  return Object.fromEntries(
    [...terms].map(dt => [
      dt.textContent,
      dt.nextElementSibling?.textContent ?? '',
    ]),
  );
}

describe('rollout readiness', () => {
  it('lists each stage change with its date, guardrail, environment, level, what it affects, owners and notices', async () => {
    await renderView([block, unknown]);
    await screen.findByText(/2 stage changes in the next 60 days/);
    const first = section(/^Workloads must run at least two replicas/);
    expect(facts(first)).toEqual({
      Date: '2027-02-01 (in 10 days)',
      Guardrail: 'workload.min-replicas',
      Environment: 'prod',
      Level: 'warn to block',
      'Affected now': '2 components, 2 namespaces, 3 objects',
      Owners: 'platformsearch',
      Notified: '2 notices, the first on 2027-01-18 00:01 UTC',
    });
    expect(
      within(first)
        .getAllByRole('link')
        .map(link => link.textContent),
    ).toEqual(['platform', 'search']);
    expect(
      within(first).getByText(
        '1 object counted because its exemption expires before the change.',
      ),
    ).toBeInTheDocument();
    expect(facts(section(/^Containers must not run privileged/)).Notified).toBe(
      'No notice sent yet',
    );
  });

  it('draws the burn-down with the same numbers in a table under it, leaving unrecorded days out', async () => {
    await renderView([block]);
    const first = await screen.findByRole('region', {
      name: /^Workloads must run at least two replicas/,
    });
    const chart = within(first).getByRole('img', {
      name: /Objects in violation of workload\.min-replicas in prod per day, 2027-01-18 to 2027-01-22/,
    });
    expect(chart).toHaveAccessibleName(
      expect.stringContaining(
        '5 on 2027-01-18, 2 on 2027-01-22. 2 of 5 days have no recorded count and are left out.',
      ),
    );
    const table = within(first).getByRole('table', {
      name: /Objects in violation of workload\.min-replicas/,
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => row.textContent);
    expect(rows).toEqual(['2027-01-185', '2027-01-194', '2027-01-222']);
  });

  it('shows the affected objects on request, naming an exemption that ends before the change', async () => {
    await renderView([block]);
    const toggle = await screen.findByRole('button', {
      name: 'Show the 3 affected objects',
    });
    expect(
      screen.queryByRole('table', { name: /would affect in prod/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const table = screen.getByRole('table', {
      name: 'Objects workload.min-replicas at block would affect in prod',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(row => within(row).getAllByRole('cell')[2].textContent),
    ).toEqual([
      'Deployment search/indexer',
      'CronJob search/reindex',
      'Deployment checkout/web',
    ]);
    expect(rows[1]).toHaveTextContent(
      'Exempted by reindex-migration until 2027-01-28, before the change; not checked while exempted',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Hide the 3 affected objects' }),
    );
    expect(
      screen.queryByRole('table', { name: /would affect in prod/ }),
    ).not.toBeInTheDocument();
  });

  it('says data is missing for a cluster instead of counting nothing affected, and draws no zero line without history', async () => {
    await renderView([unknown]);
    const region = await screen.findByRole('region', {
      name: /^Containers must not run privileged/,
    });
    expect(facts(region)['Affected now']).toBe(
      'Unknown: no data from staging-1',
    );
    expect(
      within(region).getByText(
        /Data missing for cluster staging-1 \(staging\): never audited successfully/,
      ),
    ).toBeInTheDocument();
    expect(within(region).queryByRole('img')).not.toBeInTheDocument();
    expect(region).toHaveTextContent(
      'No daily count recorded from 2026-12-24 to 2027-01-22: the burn-down is unknown, not zero.',
    );
    expect(
      within(region).queryByRole('button', { name: /affected object/ }),
    ).not.toBeInTheDocument();
  });

  it('gives a lower bound when some objects are counted but a cluster has no data', async () => {
    await renderView([{ ...block, missing: [{ cluster: 'prod-us' }] }]);
    const region = await screen.findByRole('region', {
      name: /^Workloads must run at least two replicas/,
    });
    expect(facts(region)['Affected now']).toBe(
      'At least 2 components, 2 namespaces, 3 objects (no data from prod-us)',
    );
  });

  it('says when no stage change is ahead', async () => {
    await renderView([]);
    expect(
      await screen.findByText('No stage change in the next 60 days.'),
    ).toBeInTheDocument();
  });
});
