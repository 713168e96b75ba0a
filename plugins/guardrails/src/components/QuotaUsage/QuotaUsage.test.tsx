import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixClock } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { usage } from '../../__testUtils__/usageFixtures';
import { QuotaUsage } from './QuotaUsage';

function renderUsage(getEntityUsage = jest.fn(async () => usage)) {
  return renderWithApi(<QuotaUsage />, { getEntityUsage });
}

describe('QuotaUsage', () => {
  beforeEach(() => fixClock());
  afterEach(() => jest.useRealTimers());

  it("asks for the entity's usage by its ref", async () => {
    const getEntityUsage = jest.fn(async () => usage);
    await renderUsage(getEntityUsage);
    await screen.findByRole('region', { name: 'Quota use in prod' });
    expect(getEntityUsage).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
    });
  });

  it('shows each resource as a meter with used, hard and the percentage, and says when it is near or over the limit', async () => {
    await renderUsage();
    const prod = await screen.findByRole('region', {
      name: 'Quota use in prod',
    });
    const cpu = within(prod).getByRole('meter', {
      name: 'CPU requests used in payments-api-prod (prod-eu-1)',
    });
    expect(cpu).toHaveAttribute('aria-valuenow', '95');
    expect(cpu).toHaveAttribute('aria-valuemax', '100');
    expect(cpu).toHaveAttribute(
      'aria-valuetext',
      '3800m of 4 (95%, near the limit)',
    );
    const pods = within(prod).getByRole('meter', {
      name: 'Pods used in payments-api-prod (prod-eu-1)',
    });
    expect(pods).toHaveAttribute('aria-valuenow', '120');
    expect(pods).toHaveAttribute('aria-valuemax', '120');
    expect(within(prod).getByText('120%, over the quota')).toBeInTheDocument();
    const table = within(prod).getByRole('table', {
      name: 'ResourceQuota guardrails-quota in payments-api-prod (prod-eu-1)',
    });
    const cpuRow = within(table).getByRole('row', { name: /CPU requests/ });
    expect(cpuRow).toHaveTextContent('3800m');
    expect(cpuRow).toHaveTextContent('95%, near the limit');
    expect(prod).toHaveTextContent('size large');
  });

  it('shows a resource whose use is not reported as unknown, never as 0 %', async () => {
    await renderUsage();
    const prod = await screen.findByRole('region', {
      name: 'Quota use in prod',
    });
    const memory = within(prod).getByRole('row', { name: /Memory requests/ });
    expect(memory).toHaveTextContent('unknown');
    expect(memory).toHaveTextContent(
      'Unknown: the quota does not report its use',
    );
    expect(within(memory).queryByRole('meter')).not.toBeInTheDocument();
    expect(memory).not.toHaveTextContent('0%');
  });

  it('says "no quota" for a namespace without one, with its size', async () => {
    await renderUsage();
    const dev = await screen.findByRole('group', {
      name: 'Namespace payments-api-dev on cluster dev-1',
    });
    expect(dev).toHaveTextContent(
      'No quota: this namespace has no ResourceQuota',
    );
    expect(dev).toHaveTextContent('size small; read 1 hour ago');
    expect(within(dev).getByText('1 hour ago')).toHaveAttribute(
      'title',
      '2026-12-21 23:00 UTC',
    );
    expect(within(dev).queryByRole('meter')).not.toBeInTheDocument();
    expect(dev).not.toHaveTextContent('%');
  });

  it('says that data is missing for a cluster never read, with no quota or percentage for it', async () => {
    await renderUsage();
    const prod = await screen.findByRole('region', {
      name: 'Quota use in prod',
    });
    const notice = within(prod).getByRole('status');
    expect(notice).toHaveTextContent(
      'Data missing for cluster prod-us-1: NetworkError (ECONNREFUSED: connection refused)',
    );
    expect(notice).toHaveTextContent('quota use of this namespace is unknown');
    expect(prod).not.toHaveTextContent('No quota');
    // Only the cluster that was read has meters.
    for (const meter of within(prod).getAllByRole('meter')) {
      expect(meter).toHaveAccessibleName(/\(prod-eu-1\)$/);
    }
  });

  it('shows stale quotas with the time they were read and why the latest audit failed', async () => {
    await renderUsage();
    const staging = await screen.findByRole('region', {
      name: 'Quota use in staging',
    });
    expect(within(staging).getByRole('status')).toHaveTextContent(
      'Stale data for cluster staging-1: the latest audit failed: NetworkError (ETIMEDOUT: connection timed out). Shown as read at 2026-12-20 08:00 UTC.',
    );
    expect(
      within(staging).getByRole('meter', {
        name: 'Memory requests used in payments-api-staging (staging-1)',
      }),
    ).toHaveAttribute('aria-valuetext', '1Gi of 4Gi (25%)');
    expect(staging).toHaveTextContent('no provisioned size recorded');
  });

  it('names only the cluster when no namespace of the component is known in a cluster never read', async () => {
    await renderUsage(
      jest.fn(async () => ({
        entityRef: usage.entityRef,
        environments: [
          {
            environment: 'prod',
            cluster: 'prod-us-1',
            namespace: '',
            data: 'missing' as const,
            quotas: [],
          },
        ],
      })),
    );
    const cluster = await screen.findByRole('group', {
      name: 'Cluster prod-us-1',
    });
    expect(cluster).toHaveTextContent(
      'Data missing for cluster prod-us-1: no audit has read it yet.',
    );
    expect(cluster).not.toHaveTextContent('Namespace');
    expect(cluster).not.toHaveTextContent('No quota');
  });

  it('says when no namespace of the component is known', async () => {
    await renderUsage(
      jest.fn(async () => ({ entityRef: usage.entityRef, environments: [] })),
    );
    expect(
      await screen.findByText(/No namespace provisioned for this component/),
    ).toBeInTheDocument();
  });

  it('shows the backend error and asks again on retry', async () => {
    const getEntityUsage = jest
      .fn()
      .mockRejectedValueOnce(new Error('store unavailable'))
      .mockResolvedValueOnce(usage);
    await renderUsage(getEntityUsage);
    expect(
      (await screen.findAllByText(/store unavailable/)).length,
    ).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('region', { name: 'Quota use in prod' }),
    ).toBeInTheDocument();
  });
});
