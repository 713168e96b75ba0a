import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  NOW,
  guardrailList,
  limits,
  privileged,
} from '../../__testUtils__/fixtures';
import { GuardrailCatalog } from './GuardrailCatalog';

const deletion = {
  ...limits,
  id: 'namespace.deletion-protection',
  title: 'Namespaces are deleted only with a dated deletion allowance',
  admissionOnly: true,
  admission: { exportable: true },
};
const list = {
  ...guardrailList,
  guardrails: [
    {
      ...privileged,
      remediationExample: 'securityContext:\n  privileged: false\n',
    },
    limits,
    deletion,
  ],
};

function renderAt(path: string) {
  return renderInTestApp(<GuardrailCatalog list={list} now={NOW} />, {
    routeEntries: [path],
  });
}

function toggleOf(title: string) {
  return screen.getByRole('button', {
    name: new RegExp(`how to fix ${title}$`),
  });
}

describe('the guardrail catalog', () => {
  const scrollIntoView = jest.fn();
  beforeEach(() => {
    Element.prototype.scrollIntoView = scrollIntoView;
  });
  afterEach(() => {
    scrollIntoView.mockReset();
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  });

  it('opens, marks and brings into view the guardrail a link names', async () => {
    await renderAt('/guardrails/catalog?guardrail=pod.resource-limits');
    const toggle = toggleOf(limits.title);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(toggle).toHaveFocus());
    expect(scrollIntoView).toHaveBeenCalledTimes(1);
    expect(scrollIntoView.mock.contexts[0]).toBe(toggle);
    expect(toggle.closest('tr')!.querySelector('th')).toHaveAttribute(
      'aria-current',
      'location',
    );
    const details = document.getElementById(
      toggle.getAttribute('aria-controls')!,
    )!;
    expect(details).toHaveTextContent(limits.remediation);
    expect(toggleOf(privileged.title)).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });

  it('expands a guardrail to its remediation and example fix with a copy button', async () => {
    await renderAt('/guardrails/catalog');
    expect(scrollIntoView).not.toHaveBeenCalled();
    const toggle = toggleOf(privileged.title);
    await userEvent.click(toggle);
    const details = document.getElementById(
      toggle.getAttribute('aria-controls')!,
    )!;
    expect(details).toHaveTextContent(privileged.remediation);
    const example = await within(details).findByRole('region', {
      name: `Example fix for ${privileged.title}`,
    });
    await within(example).findByRole('button', {
      name: /^Copy the example fix for /,
    });
    expect(example).toHaveTextContent('privileged: false');
  });

  it('labels admission-only guardrails and says when a linked guardrail is not in the pack', async () => {
    await renderAt('/guardrails/catalog?guardrail=pod.gone');
    const row = toggleOf(deletion.title).closest('tr')!;
    expect(row).toHaveTextContent('Admission only (no live-object results)');
    expect(toggleOf(limits.title).closest('tr')).not.toHaveTextContent(
      'Admission only',
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      '3 of 3 guardrails — pod.gone is not in the guardrail pack',
    );
  });
});
