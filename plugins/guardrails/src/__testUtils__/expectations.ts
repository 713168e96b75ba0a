import { within } from '@testing-library/react';

/** Expects the details to explain pod.no-privileged once: why it exists, how to fix it and its documentation. */
export function expectPrivilegedExplained(details: HTMLElement) {
  expect(
    within(details).getAllByText(/A privileged container has root/),
  ).toHaveLength(1);
  expect(
    within(details).getAllByText(/Remove securityContext.privileged/),
  ).toHaveLength(1);
  expect(
    within(details).getByRole('link', {
      name: /Documentation of pod.no-privileged/,
    }),
  ).toHaveAttribute('href', 'https://guardrails.example.com/pod.no-privileged');
}

/** The texts of the items of the list named `name` inside `container`, in order. */
export function listTexts(container: HTMLElement, name: string): string[] {
  return within(within(container).getByRole('list', { name }))
    .getAllByRole('listitem')
    .map(li => li.textContent ?? '');
}
