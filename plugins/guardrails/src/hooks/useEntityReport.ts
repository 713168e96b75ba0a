import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';
import { guardrailsApiRef } from '../api/GuardrailsApi';
import { EntityReport } from '../api/types';

export type ReportState =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'empty' }
  | { status: 'loaded'; report: EntityReport };

/** Loads the guardrail report of the entity in context; ignores answers for an entity no longer shown. */
export function useEntityReport(): ReportState {
  const { entity } = useEntity();
  const api = useApi(guardrailsApiRef);
  const [state, setState] = useState<ReportState>({ status: 'loading' });
  const ref = getCompoundEntityRef(entity);
  const key = `${ref.kind}:${ref.namespace}/${ref.name}`;

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    api.getEntityReport(ref).then(
      report => {
        if (current) {
          setState(report ? { status: 'loaded', report } : { status: 'empty' });
        }
      },
      error => {
        if (current) setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
    // The key identifies the entity; ref is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  return state;
}
