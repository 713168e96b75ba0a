import { Box, Button, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/core-plugin-api';
import type { ApiEnforcementDryRun } from '@guardrails-dev/plugin-guardrails-common';
import { useState } from 'react';
import { guardrailsApiRef } from '../../api/GuardrailsApi';
import { describeError } from '../../domain/errors';
import { formatDateTime } from '../../domain/time';
import { DryRunCluster } from './DryRunCluster';

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'loaded'; value: ApiEnforcementDryRun };

/** Previews the next sync on demand: reads every syncing cluster (two lists each) and shows the diff; writes nothing. */
export function DryRunPreview() {
  const api = useApi(guardrailsApiRef);
  const [state, setState] = useState<State>({ status: 'idle' });

  const preview = async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'loaded', value: await api.getEnforcementDryRun() });
    } catch (error) {
      setState({ status: 'error', message: describeError(error) });
    }
  };

  return (
    <Box>
      <Typography variant="body2" paragraph>
        What the next sync would change in each cluster, read from the clusters
        now. Nothing is written.
      </Typography>
      <Button
        variant="outlined"
        disabled={state.status === 'loading'}
        onClick={preview}
      >
        {state.status === 'loading'
          ? 'Reading the clusters…'
          : 'Preview next sync'}
      </Button>
      {state.status === 'error' && (
        <Box mt={2}>
          <Alert severity="error" role="alert">
            Could not preview the next sync: {state.message}
          </Alert>
        </Box>
      )}
      {state.status === 'loaded' && (
        <Box mt={1} role="region" aria-label="Next sync preview">
          <Typography variant="body2">
            As of {formatDateTime(state.value.at)}, with the rollout stages in
            force then.
          </Typography>
          {state.value.clusters.map(plan => (
            <DryRunCluster key={plan.cluster} plan={plan} />
          ))}
        </Box>
      )}
    </Box>
  );
}
