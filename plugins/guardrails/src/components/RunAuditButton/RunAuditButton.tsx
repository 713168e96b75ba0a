import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Box, Button, Typography } from '@material-ui/core';
import { useState } from 'react';
import { guardrailsApiRef } from '../../api/GuardrailsApi';
import { describeError } from '../../domain/errors';

type State = 'idle' | 'starting' | 'forbidden';

/**
 * Starts an audit of every cluster. When the backend refuses (403) the button stays disabled and says why,
 * instead of failing on every click.
 */
export function RunAuditButton() {
  const api = useApi(guardrailsApiRef);
  const alertApi = useApi(alertApiRef);
  const [state, setState] = useState<State>('idle');

  const run = async () => {
    setState('starting');
    try {
      const result = await api.runAudit();
      alertApi.post({
        message:
          result.status === 'started'
            ? 'Audit started: results update as each cluster is read.'
            : 'An audit is already running: results update when it finishes.',
        severity: result.status === 'started' ? 'success' : 'info',
        display: 'transient',
      });
      setState('idle');
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 403) {
        setState('forbidden');
        return;
      }
      alertApi.post({
        message: `Could not start an audit: ${describeError(error)}`,
        severity: 'error',
      });
      setState('idle');
    }
  };

  return (
    <Box display="flex" flexDirection="column" alignItems="flex-end">
      <Button
        variant="contained"
        color="default"
        disabled={state !== 'idle'}
        aria-describedby={
          state === 'forbidden' ? 'guardrails-audit-forbidden' : undefined
        }
        onClick={run}
      >
        {state === 'starting' ? 'Starting audit…' : 'Run audit now'}
      </Button>
      {state === 'forbidden' && (
        <Typography
          id="guardrails-audit-forbidden"
          variant="caption"
          role="status"
        >
          You do not have permission to start audits.
        </Typography>
      )}
    </Box>
  );
}
