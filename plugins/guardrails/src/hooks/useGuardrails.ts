import type {
  ApiGuardrail,
  ApiGuardrailList,
} from '@guardrails-dev/plugin-guardrails-common';
import { useMemo } from 'react';
import { DataState, useGuardrailsData } from './useGuardrailsData';

/** The guardrail pack, and the guardrails by ID for joining with results. */
export function useGuardrails(): DataState<ApiGuardrailList> & {
  retry: () => void;
  byId: Map<string, ApiGuardrail>;
} {
  const state = useGuardrailsData(api => api.getGuardrails(), []);
  const list = state.status === 'loaded' ? state.value : undefined;
  const byId = useMemo(
    () => new Map((list?.guardrails ?? []).map(g => [g.id, g])),
    [list],
  );
  return { ...state, byId };
}
