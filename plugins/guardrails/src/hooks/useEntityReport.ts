import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { ApiEntityReport } from '@guardrails-dev/plugin-guardrails-common';
import { DataState, useGuardrailsData } from './useGuardrailsData';

/** The report of the entity in context; `undefined` as value means no audit has covered it yet. */
export function useEntityReport(): DataState<ApiEntityReport | undefined> & {
  retry: () => void;
} {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  return useGuardrailsData(
    api => api.getEntityReport(ref),
    [stringifyEntityRef(ref)],
  );
}
