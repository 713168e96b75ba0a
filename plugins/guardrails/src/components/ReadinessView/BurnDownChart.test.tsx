import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { BurnDownChart } from './BurnDownChart';

describe('BurnDownChart', () => {
  it('writes a one-day burn-down its date once under the chart', async () => {
    await renderInTestApp(
      <BurnDownChart
        label="Objects in violation of workload.min-replicas in prod per day"
        burnDown={{
          from: '2026-12-03',
          to: '2026-12-03',
          points: [{ date: '2026-12-03', objects: 1 }],
        }}
      />,
    );
    const chart = screen.getByRole('img');
    const axisDates = Array.from(chart.querySelectorAll('text')).filter(
      text => text.textContent === '2026-12-03',
    );
    expect(axisDates).toHaveLength(1);
  });

  it('writes the first and last day under a longer burn-down', async () => {
    await renderInTestApp(
      <BurnDownChart
        label="Objects in violation of workload.min-replicas in prod per day"
        burnDown={{
          from: '2026-11-20',
          to: '2026-12-03',
          points: [
            { date: '2026-11-20', objects: 4 },
            { date: '2026-12-03', objects: 1 },
          ],
        }}
      />,
    );
    const texts = Array.from(
      screen.getByRole('img').querySelectorAll('text'),
    ).map(text => text.textContent);
    expect(texts).toEqual(expect.arrayContaining(['2026-11-20', '2026-12-03']));
  });
});
