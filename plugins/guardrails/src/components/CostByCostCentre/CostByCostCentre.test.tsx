import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi } from '../../__testUtils__/render';
import { CostByCostCentre } from './CostByCostCentre';
import { CostReport } from './costFormat';

const report: CostReport = {
  currency: 'EUR',
  prices: [
    { environment: 'dev', cpu: 10, memoryGiB: 1.5 },
    { environment: 'prod', cpu: 30, memoryGiB: 4 },
  ],
  rows: [
    {
      costCenter: 'cc-1001',
      environment: 'prod',
      namespaces: 2,
      quota: { cpu: 8, memoryGiB: 16 },
      used: { cpu: 1.25, memoryGiB: 2.5 },
      estimate: { quota: 304, used: 47.5 },
    },
    {
      costCenter: 'cc-2040',
      environment: 'staging',
      namespaces: 1,
      quota: { cpu: 2, memoryGiB: 4 },
      used: { cpu: 0.5, memoryGiB: 1 },
      estimate: null,
    },
    {
      costCenter: null,
      environment: 'dev',
      namespaces: 1,
      quota: { cpu: 1, memoryGiB: 2 },
      used: { cpu: 0, memoryGiB: 0 },
      estimate: { quota: 13, used: 0 },
    },
  ],
  budgets: [
    {
      costCenter: 'cc-1001',
      monthly: 250,
      estimate: 304,
      over: true,
      unpriced: [],
    },
    {
      costCenter: 'cc-2040',
      monthly: 500,
      estimate: 0,
      over: false,
      unpriced: ['staging'],
    },
  ],
  trend: [
    { day: '2026-12-20', costCenter: 'cc-1001', estimate: 280 },
    { day: '2026-12-22', costCenter: 'cc-1001', estimate: 304 },
    { day: '2026-12-20', costCenter: 'cc-2040', estimate: 0 },
    { day: '2026-12-21', costCenter: 'cc-2040', estimate: 0 },
    { day: '2026-12-22', costCenter: 'cc-2040', estimate: 0 },
  ],
  missing: [
    {
      cluster: 'prod-us-1',
      environment: 'prod',
      error: 'NetworkError (ECONNREFUSED: connection refused)',
      failedAt: '2026-12-21T23:00:00.000Z',
    },
  ],
  stale: [
    {
      cluster: 'staging-1',
      environment: 'staging',
      error: 'NetworkError (ETIMEDOUT: connection timed out)',
      failedAt: '2026-12-21T23:00:00.000Z',
      lastSuccessAt: '2026-12-20T08:00:00.000Z',
    },
  ],
};

function renderCosts(getCosts = jest.fn(async () => report)) {
  return renderWithApi(<CostByCostCentre />, { getCosts }, { entity: null });
}

const texts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    // Intl keeps a currency code and its amount together with a no-break space.
    .map(row => row.textContent?.replace(/\u00a0/g, ' '));

describe('CostByCostCentre', () => {
  it('shows per cost centre and environment what is reserved and used, with the monthly estimates', async () => {
    await renderCosts();
    const table = await screen.findByRole('table', {
      name: 'Quota and use by cost centre and environment',
    });
    expect(texts(table)).toEqual([
      'cc-1001prod21.25 used of 8 reserved2.5 used of 16 reservedEUR 304.00EUR 47.50',
      'cc-2040staging10.5 used of 2 reserved1 used of 4 reservedno priceno price',
      'No cost centredev10 used of 1 reserved0 used of 2 reservedEUR 13.00EUR 0.00',
    ]);
  });

  it('labels the figures as estimates and shows the prices per CPU and per GiB of each environment with the currency', async () => {
    await renderCosts();
    expect(await screen.findByText(/^Estimates, not a bill/)).toHaveTextContent(
      'in EUR',
    );
    const prices = screen.getByRole('table', {
      name: 'Prices the estimates use, in EUR per month',
    });
    expect(texts(prices)).toEqual([
      'devEUR 10.00EUR 1.50',
      'prodEUR 30.00EUR 4.00',
    ]);
    expect(screen.getByText(/^No price for staging/)).toHaveTextContent(
      'what is reserved there has no estimate',
    );
  });

  it('calls out the cost centres over budget in words, not only colour', async () => {
    await renderCosts();
    const callout = (await screen.findAllByRole('status')).find(s =>
      /over budget/.test(s.textContent ?? ''),
    );
    expect(callout).toHaveTextContent(
      /1 cost centre is over budget: cc-1001 \(estimate EUR.304\.00 against EUR.250\.00\)/,
    );
    const budgets = screen.getByRole('table', { name: 'Budgets' });
    const rows = within(budgets).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/Over budget by EUR.54\.00/);
    expect(rows[2]).toHaveTextContent('Within budget');
    expect(rows[2]).toHaveTextContent('without staging (no price)');
  });

  it('says which clusters are missing and which are stale', async () => {
    await renderCosts();
    const notices = await screen.findAllByRole('status');
    expect(notices[0]).toHaveTextContent(
      'Data missing for cluster prod-us-1 (prod)',
    );
    expect(notices[1]).toHaveTextContent(
      'Stale data for cluster staging-1 (staging)',
    );
  });

  it('draws one trend per cost centre with its numbers in a table under the chart; a day without data is no data, not 0', async () => {
    await renderCosts();
    const chart = await screen.findByRole('img', {
      name: /^cc-1001: estimated monthly cost per day, last 30 days/,
    });
    expect(chart).toHaveAccessibleName(
      /highest EUR.304\.00 on 2026-12-22; monthly budget EUR.250\.00; 1 day without data\.$/,
    );
    const table = screen.getByRole('table', {
      name: 'cc-1001: estimated monthly cost per day, last 30 days',
    });
    expect(texts(table)).toEqual([
      '2026-12-20EUR 280.00',
      '2026-12-21no data',
      '2026-12-22EUR 304.00',
    ]);
    expect(
      screen.getByRole('img', { name: /^cc-2040: estimated monthly cost/ }),
    ).toBeInTheDocument();
  });

  it('asks again for the period chosen', async () => {
    const getCosts = jest.fn(async () => report);
    await renderCosts(getCosts);
    await screen.findByRole('table', { name: 'Budgets' });
    await userEvent.selectOptions(
      screen.getByLabelText('Trend period'),
      'Last 90 days',
    );
    expect(getCosts).toHaveBeenLastCalledWith({ days: 90 });
    expect(
      await screen.findByRole('img', { name: /^cc-1001: .*last 90 days/ }),
    ).toBeInTheDocument();
  });

  it('says when nothing has been read yet and no prices or budgets are configured', async () => {
    await renderCosts(
      jest.fn(async () => ({
        ...report,
        prices: [],
        rows: [],
        budgets: [],
        trend: [],
        missing: [],
        stale: [],
      })),
    );
    expect(
      await screen.findByText(/No namespace with a quota has been read yet/),
    ).toBeInTheDocument();
    expect(screen.getByText(/No prices are configured/)).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: /^Prices the estimates use/ }),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/No budgets are configured/)).toBeInTheDocument();
    expect(
      screen.getByText('No estimates recorded in the last 30 days.'),
    ).toBeInTheDocument();
  });
});
