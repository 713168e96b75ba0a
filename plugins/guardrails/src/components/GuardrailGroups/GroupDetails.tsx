import { Box, Typography } from '@material-ui/core';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { GuardrailGroup } from '../../domain/groups';
import { ExplainedDetails, GuardrailLookup } from '../GuardrailExplanation';
import { RolloutTimeline } from '../RolloutTimeline';
import { GroupObjects } from './GroupObjects';
import { RemediationExample } from './RemediationExample';

/**
 * The expanded part of a guardrail's row: why it exists, how to fix it (with the example to copy) and its
 * documentation once, its rollout in each environment where it fails, then every violation.
 */
export function GroupDetails(props: {
  group: GuardrailGroup;
  guardrail?: ApiGuardrail;
  lookup: GuardrailLookup;
  now: Date;
}) {
  const { group, guardrail, lookup, now } = props;
  const rollouts = (guardrail?.rollout ?? []).filter(rollout =>
    group.environments.some(env => env.environment === rollout.environment),
  );
  return (
    <Box py={1}>
      <ExplainedDetails
        guardrailId={group.guardrail}
        guardrail={guardrail}
        lookup={lookup}
        aside={
          <>
            <Typography variant="subtitle2" component="h4">
              Rollout where it fails
            </Typography>
            {rollouts.length > 0 ? (
              rollouts.map(rollout => (
                <Box key={rollout.environment} mt={1}>
                  <Typography variant="body2" component="h5">
                    <strong>{rollout.environment}</strong>
                  </Typography>
                  <RolloutTimeline
                    rollout={rollout}
                    now={now}
                    guardrailTitle={group.title}
                  />
                </Box>
              ))
            ) : (
              <Typography variant="body2">
                {guardrail ? 'No rollout plan for these environments.' : '—'}
              </Typography>
            )}
          </>
        }
        below={
          <>
            <RemediationExample
              example={guardrail?.remediationExample}
              title={group.title}
            />
            <GroupObjects group={group} guardrail={guardrail} now={now} />
          </>
        }
      />
    </Box>
  );
}
