import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { ApiEnforcementEnvironment } from '@guardrails-dev/plugin-guardrails-common';
import { useId, useState } from 'react';
import { guardrailsApiRef } from '../../api/GuardrailsApi';
import { describeError } from '../../domain/errors';

const REASON_MAX = 500;

function explanation(environment: string, pausing: boolean) {
  return pausing
    ? `From the next sync, which starts now, every binding of ${environment} becomes Audit-only in its clusters: ` +
        'nothing is denied or warned, and every violation is still recorded in the API server’s audit log. ' +
        'The pause shows with your name and reason, and is audited.'
    : `The next sync, which starts now, applies each guardrail’s rollout stage in ${environment} again: ` +
        'bindings at warn warn, at block and auto-correct deny. Resuming is audited.';
}

/** Confirms pausing or resuming an environment's enforcement, says what it does, and shows the server's refusal. */
export function PauseDialog(props: {
  environment: ApiEnforcementEnvironment;
  onClose: () => void;
  onDone: (answer: ApiEnforcementEnvironment) => void;
}) {
  const { environment, onClose, onDone } = props;
  const api = useApi(guardrailsApiRef);
  const id = useId();
  const name = environment.environment;
  const pausing = !environment.paused;
  const verb = pausing ? 'Pause' : 'Resume';
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  const confirm = async () => {
    setSending(true);
    setError(undefined);
    try {
      onDone(
        pausing
          ? await api.pauseEnforcement(name, { reason })
          : await api.resumeEnforcement(name),
      );
    } catch (e) {
      setError(describeError(e));
      setSending(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
    >
      <DialogTitle id={`${id}-title`}>
        {verb} enforcement in {name}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText id={`${id}-text`}>
          {explanation(name, pausing)}
        </DialogContentText>
        {pausing && (
          <TextField
            id={`${id}-reason`}
            label="Reason (optional)"
            helperText="Shown with the pause, e.g. the incident"
            fullWidth
            value={reason}
            onChange={event => setReason(event.target.value)}
            inputProps={{ maxLength: REASON_MAX }}
          />
        )}
        {error && (
          <Alert severity="error" role="alert" style={{ marginTop: 16 }}>
            Could not {verb.toLocaleLowerCase('en-US')} enforcement in {name}:{' '}
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          color="primary"
          disabled={sending}
          onClick={confirm}
        >
          {sending
            ? `${pausing ? 'Pausing' : 'Resuming'}…`
            : `${verb} enforcement`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
