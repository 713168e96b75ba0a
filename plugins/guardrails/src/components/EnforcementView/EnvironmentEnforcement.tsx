import { Box, Typography } from '@material-ui/core';
import type { ApiEnforcementEnvironment } from '@guardrails-dev/plugin-guardrails-common';
import { OwnerLink } from '../OwnerLink';
import { PauseControl } from './PauseControl';
import { WhenText } from './WhenText';

/** Who paused: a user as a catalog link, a service as written. */
function pausedBy(by: string | undefined) {
  if (!by) {
    return 'someone';
  }
  return by.startsWith('user:') ? (
    <OwnerLink entityRef={by} defaultKind="user" />
  ) : (
    by
  );
}

/** An environment's enforcement: its mode, its pause (who, when, why) and the pause or resume button. */
export function EnvironmentEnforcement(props: {
  environment: ApiEnforcementEnvironment;
  now: Date;
  onChanged: (answer: ApiEnforcementEnvironment) => void;
}) {
  const { environment: env, now, onChanged } = props;
  const name = env.environment;
  let text;
  if (env.mode === 'off') {
    text = (
      <>
        Enforcement off: admission is left to GitOps (
        <code>guardrails export vap --env {name}</code>).
      </>
    );
  } else if (env.paused) {
    text = (
      <>
        <strong>Paused</strong> by {pausedBy(env.pausedBy)}
        {env.pausedAt && (
          <>
            {' '}
            <WhenText value={env.pausedAt} now={now} />
          </>
        )}
        {env.reason ? `: ${env.reason}` : ''}. From the next sync on, its
        bindings audit only: nothing is denied or warned.
      </>
    );
  } else {
    text = (
      <>Enforced: the suite keeps the rollout’s actions in its clusters.</>
    );
  }
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      flexWrap="wrap"
      gridGap={8}
      py={1}
      role="group"
      aria-label={`Enforcement of ${name}`}
    >
      <Typography variant="body2">
        <strong>{name}</strong>: {text}
      </Typography>
      <PauseControl environment={env} onChanged={onChanged} />
    </Box>
  );
}
