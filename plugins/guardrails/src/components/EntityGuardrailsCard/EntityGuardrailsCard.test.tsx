import { screen, within } from '@testing-library/react';
import {
  fixClock,
  guardrailList,
  mappedEntity,
  notAuditedReport,
  report,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { EntityGuardrailsCard } from './EntityGuardrailsCard';

describe('EntityGuardrailsCard', () => {
  beforeEach(() => fixClock());
  afterEach(() => jest.useRealTimers());

  it('shows compliance per environment, the next stage change and links to the tab', async () => {
    await renderWithApi(<EntityGuardrailsCard />, {
      getEntityReport: async () => report,
      getGuardrails: async () => guardrailList,
    });
    const table = await screen.findByRole('table', {
      name: 'Guardrail compliance by environment',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'devViolating1 observe',
      'prodViolatingStale: prod-us-1 could not be read1 warn',
    ]);
    expect(
      await screen.findByText(
        'Containers must not run privileged (pod.no-privileged) becomes block in prod on 2027-02-01 — 41 days',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View guardrails/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/guardrails',
    );
  });

  it('never shows an unknown environment as compliant', async () => {
    await renderWithApi(<EntityGuardrailsCard tabPath="/policy" />, {
      getEntityReport: async () => ({
        ...report,
        compliance: 'unknown',
        environments: [
          {
            ...report.environments[1],
            compliance: 'unknown',
            violations: [],
            stale: [],
          },
        ],
      }),
      getGuardrails: async () => guardrailList,
    });
    expect(await screen.findByText('Unknown')).toBeInTheDocument();
    expect(screen.queryByText('Compliant')).not.toBeInTheDocument();
    expect(
      await screen.findByText(
        'No planned stage makes a guardrail this component fails warn or deny.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View guardrails/ }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api/policy');
  });

  it('shows an environment never audited as not audited yet, naming the cluster', async () => {
    await renderWithApi(<EntityGuardrailsCard />, {
      getEntityReport: async () => notAuditedReport,
      getGuardrails: async () => guardrailList,
    });
    const table = await screen.findByRole('table', {
      name: 'Guardrail compliance by environment',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'devCompliantnone',
      'prodUnknownNot audited yet: prod-eu-1no data',
    ]);
  });

  it('explains the mapping annotation in a compact form', async () => {
    const getEntityReport = jest.fn();
    await renderWithApi(
      <EntityGuardrailsCard />,
      { getEntityReport },
      {
        entity: {
          ...mappedEntity,
          metadata: { name: 'unmapped', namespace: 'default' },
        },
      },
    );
    expect(
      screen.getByText(/not mapped to Kubernetes workloads/),
    ).toBeInTheDocument();
    expect(getEntityReport).not.toHaveBeenCalled();
  });

  it('says there are no results yet', async () => {
    await renderWithApi(<EntityGuardrailsCard />, {
      getEntityReport: async () => undefined,
      getGuardrails: async () => guardrailList,
    });
    expect(
      await screen.findByText(/No guardrail results yet/),
    ).toBeInTheDocument();
  });
});
