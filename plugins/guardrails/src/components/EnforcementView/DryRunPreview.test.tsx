import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  expectTexts,
  renderEnforcementView,
} from './__testUtils__/renderEnforcementView';
import { enforcementState, inSync } from './__testUtils__/testData';

async function preview() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Preview next sync' }),
  );
  return screen.findByRole('region', { name: 'Next sync preview' });
}

describe('next sync preview', () => {
  it('reads the clusters only when asked, and shows per cluster the objects to apply and delete with old → new actions', async () => {
    const { api } = await renderEnforcementView(enforcementState([inSync]));
    await screen.findByRole('region', { name: 'prod-eu-1' });
    expect(api.getEnforcementDryRun).not.toHaveBeenCalled();

    const result = await preview();
    expect(result).toHaveTextContent('As of 2026-12-22 00:00 UTC');
    const table = within(result).getByRole('table', {
      name: 'Changes at the next sync in prod-eu-1',
    });
    const [header, update, remove] = within(table).getAllByRole('row');
    expect(
      within(header)
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual([
      'Change',
      'Object',
      'Guardrail',
      'Environment',
      'Actions (old → new)',
      'Fields that differ',
    ]);
    expectTexts(update, [
      'update',
      'guardrails.pod.no-privileged.prod',
      'Warn, Audit → Deny',
      'spec.validationActions',
    ]);
    expectTexts(remove, [
      'delete',
      'guardrails.pod.host-network.prod',
      'Audit → none',
    ]);
    expect(
      within(result).getByRole('region', { name: 'Next sync in prod-eu-1' }),
    ).toHaveTextContent(
      'Left alone: objects the suite does not manage hold these names, so the suite does not apply its own there: ValidatingAdmissionPolicy guardrails.namespace.deletion.',
    );
  });

  it('says which clusters could not be read, which have nothing to change, and which are off', async () => {
    await renderEnforcementView(enforcementState([inSync]));
    const result = await preview();
    expect(
      within(result).getByRole('region', { name: 'Next sync in prod-us-1' }),
    ).toHaveTextContent(
      "Could not read the cluster’s admission objects: Cluster 'prod-us-1': list ValidatingAdmissionPolicy failed: timeout after 10s.",
    );
    expect(
      within(result).getByRole('region', { name: 'Next sync in dev-1' }),
    ).toHaveTextContent('Nothing to change: the cluster holds what is due.');
    expect(
      within(result).getByRole('region', { name: 'Next sync in staging-1' }),
    ).toHaveTextContent('Enforcement is off here: a sync writes nothing.');
  });

  it('shows why the preview failed and lets it be tried again', async () => {
    const getEnforcementDryRun = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend unavailable'))
      .mockResolvedValueOnce({ at: '2026-12-22T00:00:00.000Z', clusters: [] });
    await renderEnforcementView(enforcementState([inSync]), {
      api: { getEnforcementDryRun },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Preview next sync' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not preview the next sync: backend unavailable',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview next sync' }),
    );
    expect(
      await screen.findByRole('region', { name: 'Next sync preview' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
