import { guardrailsEnforcementPausePermission } from '@guardrails-dev/plugin-guardrails-common';
import { screen, waitFor } from '@testing-library/react';
import { renderEnforcementView } from './__testUtils__/renderEnforcementView';
import {
  enforcementState,
  pausedInCluster,
  prodPaused,
} from './__testUtils__/testData';

// usePermission keeps each answer for the module's lifetime, as it does for a page's; a user without the
// permission gets a module of their own here.
describe('enforcement without the permission to pause', () => {
  it('offers no pause or resume without the permission, and still shows the pause', async () => {
    const { permissionApi } = await renderEnforcementView(
      enforcementState([pausedInCluster], [prodPaused]),
      { canPause: false },
    );
    expect(
      await screen.findByRole('region', { name: 'prod-eu-1' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(permissionApi.authorize).toHaveBeenCalledWith({
        permission: guardrailsEnforcementPausePermission,
      }),
    );
    expect(
      screen.getByRole('group', { name: 'Enforcement of prod' }),
    ).toHaveTextContent('Paused by jane');
    expect(
      screen.queryByRole('button', { name: /enforcement in prod/ }),
    ).not.toBeInTheDocument();
  });
});
