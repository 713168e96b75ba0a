import { useApi } from '@backstage/core-plugin-api';
import { DependencyList, useCallback, useEffect, useState } from 'react';
import { GuardrailsApi, guardrailsApiRef } from '../api/GuardrailsApi';

/** The state of one request to the guardrails backend. */
export type DataState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'loaded'; value: T };

/**
 * Loads data from the guardrails API when `deps` change, ignoring answers that arrive after the inputs changed
 * or the component went away. `retry` asks again.
 */
export function useGuardrailsData<T>(
  load: (api: GuardrailsApi) => Promise<T>,
  deps: DependencyList,
): DataState<T> & { retry: () => void } {
  const api = useApi(guardrailsApiRef);
  const [state, setState] = useState<DataState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load(api).then(
      value => {
        if (current) setState({ status: 'loaded', value });
      },
      error => {
        if (current) {
          setState({
            status: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          });
        }
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new function on every render; the caller's deps say when the question changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, attempt, ...deps]);

  const retry = useCallback(() => setAttempt(n => n + 1), []);
  return { ...state, retry };
}
