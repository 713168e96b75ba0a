import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { ApiEnforcementState } from '@guardrails-dev/plugin-guardrails-common';
import { renderWithApi } from '../../../__testUtils__/render';
import { GuardrailsApi } from '../../../api/GuardrailsApi';
import { EnforcementView } from '../EnforcementView';
import { dryRun } from './testData';

/**
 * Renders the view with the enforcement routes answering `state` (and the dry run), and the permission to pause
 * allowed or denied; returns both mocks.
 */
export async function renderEnforcementView(
  state: ApiEnforcementState,
  options: { canPause?: boolean; api?: Partial<GuardrailsApi> } = {},
) {
  const api: Partial<GuardrailsApi> = {
    getEnforcementState: jest.fn(async () => state),
    getEnforcementDryRun: jest.fn(async () => dryRun),
    ...options.api,
  };
  // The permission framework's answer to `guardrails.enforcement.pause`, the only permission the view asks about.
  const permissionApi = {
    authorize: jest.fn(async () => ({
      result: options.canPause ? 'ALLOW' : 'DENY',
    })),
  };
  await renderWithApi(<EnforcementView />, api, {
    entity: null,
    extraApis: [[permissionApiRef, permissionApi]],
  });
  return { api, permissionApi };
}

/** Expects `element` to contain each of `texts`. */
export function expectTexts(element: HTMLElement, texts: string[]) {
  for (const text of texts) {
    expect(element).toHaveTextContent(text);
  }
}
