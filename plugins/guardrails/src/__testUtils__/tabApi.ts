import type {
  ApiEntityReport,
  ApiGuardrailList,
} from '@guardrails-dev/plugin-guardrails-common';
import { GuardrailsApi } from '../api/GuardrailsApi';
import { guardrailList, report } from './fixtures';

const history = { from: '2026-12-20', to: '2026-12-22', points: [] };

/** The API calls of the entity's Guardrails tab, answering with the given report and guardrail list. */
export function tabApi(
  answers: { report?: ApiEntityReport; guardrails?: ApiGuardrailList } = {},
  overrides: Partial<GuardrailsApi> = {},
): Partial<GuardrailsApi> {
  return {
    getEntityReport: jest.fn(async () => answers.report ?? report),
    getGuardrails: jest.fn(async () => answers.guardrails ?? guardrailList),
    getEntityHistory: jest.fn(async () => history),
    // No namespaces: the tab's quota card stays one sentence; QuotaUsage's own tests cover it with namespaces.
    getEntityUsage: jest.fn(async () => ({
      entityRef: report.entityRef,
      environments: [],
    })),
    ...overrides,
  };
}
