import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GuardrailsApi } from '../../api/GuardrailsApi';
import { renderEnforcementView } from './__testUtils__/renderEnforcementView';
import {
  enforcementState,
  inSync,
  pausedInCluster,
  prod,
  prodPaused,
} from './__testUtils__/testData';

const prodGroup = () =>
  screen.getByRole('group', { name: 'Enforcement of prod' });
const prodCluster = () => screen.getByRole('region', { name: 'prod-eu-1' });

async function conflict(message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** Renders prod in sync and enforcing, with the permission, and opens the pause dialog. */
async function openPauseDialog(
  pauseEnforcement: GuardrailsApi['pauseEnforcement'],
) {
  await renderEnforcementView(enforcementState([inSync], [prod]), {
    canPause: true,
    api: { pauseEnforcement },
  });
  await userEvent.click(
    await screen.findByRole('button', { name: 'Pause enforcement in prod' }),
  );
  return screen.getByRole('dialog', { name: 'Pause enforcement in prod?' });
}

/** Closes the dialog with Cancel. */
async function cancel(dialog: HTMLElement) {
  await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  await waitFor(() =>
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
  );
}

describe('pausing and resuming enforcement', () => {
  it('pauses an environment after a confirmation that says what pausing does, and shows the pause pending', async () => {
    const pauseEnforcement = jest.fn(async () => prodPaused);
    const dialog = await openPauseDialog(pauseEnforcement);
    expect(dialog).toHaveAccessibleDescription(
      expect.stringContaining(
        'every binding of prod becomes Audit-only in its clusters: nothing is denied or warned',
      ),
    );
    await userEvent.click(within(dialog).getByLabelText('Reason (optional)'));
    await userEvent.paste('INC-4711: deploys blocked by a bad rollout');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Pause enforcement' }),
    );
    expect(pauseEnforcement).toHaveBeenCalledWith('prod', {
      reason: 'INC-4711: deploys blocked by a bad rollout',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(prodGroup()).toHaveTextContent(
      'Paused by jane 10 minutes ago (2026-12-21 23:50 UTC): INC-4711',
    );
    expect(
      within(prodCluster()).getByText('prod: Pause pending next sync'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Resume enforcement in prod' }),
    ).toBeInTheDocument();
  });

  it('pauses nothing when the confirmation is cancelled', async () => {
    const pauseEnforcement = jest.fn(async () => prodPaused);
    await cancel(await openPauseDialog(pauseEnforcement));
    expect(pauseEnforcement).not.toHaveBeenCalled();
    expect(prodGroup()).toHaveTextContent('Enforced');
  });

  it("shows the server's message when pausing is refused, and keeps the dialog open", async () => {
    const pauseEnforcement = jest.fn(async () =>
      Promise.reject(
        await conflict(
          'Enforcement of prod is off: there is no enforcement to pause',
        ),
      ),
    );
    const dialog = await openPauseDialog(pauseEnforcement);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Pause enforcement' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not pause enforcement in prod: Enforcement of prod is off: there is no enforcement to pause (HTTP 409)',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Pause enforcement' }),
    ).toBeEnabled();
    await cancel(dialog);
    expect(prodGroup()).not.toHaveTextContent('Paused');
  });

  it('resumes a paused environment, pending until the next sync applies it', async () => {
    const resumeEnforcement = jest.fn(async () => prod);
    await renderEnforcementView(
      enforcementState([pausedInCluster], [prodPaused]),
      { canPause: true, api: { resumeEnforcement } },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Resume enforcement in prod' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Resume enforcement in prod?',
    });
    expect(dialog).toHaveTextContent(
      'applies each guardrail’s rollout stage in prod again',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resume enforcement' }),
    );
    expect(resumeEnforcement).toHaveBeenCalledWith('prod');
    await waitFor(() => expect(prodGroup()).toHaveTextContent('Enforced'));
    expect(
      within(prodCluster()).getByText('prod: Resume pending next sync'),
    ).toBeInTheDocument();
  });
});
