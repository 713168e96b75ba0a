import { usePermission } from '@backstage/plugin-permission-react';
import { Button } from '@material-ui/core';
import {
  ApiEnforcementEnvironment,
  guardrailsEnforcementPausePermission,
} from '@guardrails-dev/plugin-guardrails-common';
import { useState } from 'react';
import { PauseDialog } from './PauseDialog';

/**
 * Pause or resume an environment's enforcement, after a confirmation. Shown only to those with
 * `guardrails.enforcement.pause`, and only for an environment the suite enforces (mode `sync`).
 */
export function PauseControl(props: {
  environment: ApiEnforcementEnvironment;
  onChanged: (answer: ApiEnforcementEnvironment) => void;
}) {
  const { environment, onChanged } = props;
  const { allowed } = usePermission({
    permission: guardrailsEnforcementPausePermission,
  });
  const [open, setOpen] = useState(false);
  if (!allowed || environment.mode !== 'sync') {
    return null;
  }
  const verb = environment.paused ? 'Resume' : 'Pause';
  return (
    <>
      <Button variant="outlined" size="small" onClick={() => setOpen(true)}>
        {verb} enforcement in {environment.environment}
      </Button>
      {open && (
        <PauseDialog
          environment={environment}
          onClose={() => setOpen(false)}
          onDone={answer => {
            setOpen(false);
            onChanged(answer);
          }}
        />
      )}
    </>
  );
}
