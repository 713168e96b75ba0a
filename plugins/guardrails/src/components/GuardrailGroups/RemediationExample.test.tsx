import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixClock, privileged } from '../../__testUtils__/fixtures';
import {
  groupedGuardrailList,
  groupedReport,
} from '../../__testUtils__/groupedFixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { tabApi } from '../../__testUtils__/tabApi';
import { EntityGuardrailsContent } from '../EntityGuardrailsContent';

const EXAMPLE = 'securityContext:\n  privileged: false\n';

async function expand(title: string) {
  const table = await screen.findByRole('table', {
    name: 'Guardrail violations',
  });
  const toggle = within(table).getByRole('button', {
    name: new RegExp(`^Show the \\d+ violations? of ${title}$`),
  });
  await userEvent.click(toggle);
  return document.getElementById(toggle.getAttribute('aria-controls')!)!;
}

describe("a guardrail group's example fix", () => {
  beforeEach(() => fixClock());
  afterEach(() => jest.useRealTimers());

  it('shows the example once, as code with a copy button', async () => {
    const guardrails = {
      ...groupedGuardrailList,
      guardrails: groupedGuardrailList.guardrails.map(g =>
        g.id === privileged.id ? { ...g, remediationExample: EXAMPLE } : g,
      ),
    };
    await renderWithApi(
      <EntityGuardrailsContent />,
      tabApi({ report: groupedReport, guardrails }),
    );
    const details = await expand(privileged.title);
    const example = await within(details).findByRole('region', {
      name: `Example fix for ${privileged.title}`,
    });
    await within(example).findByRole('button', {
      name: /^Copy the example fix for /,
    });
    expect(within(details).getAllByRole('region')).toHaveLength(1);
    expect(example).toHaveTextContent('securityContext:');
    expect(example).toHaveTextContent('privileged: false');
  });

  it('shows nothing when the pack gives no example', async () => {
    await renderWithApi(
      <EntityGuardrailsContent />,
      tabApi({ report: groupedReport, guardrails: groupedGuardrailList }),
    );
    const details = await expand(privileged.title);
    expect(within(details).getByText('How to fix it')).toBeInTheDocument();
    expect(within(details).queryByText('Example fix')).toBeNull();
  });
});
