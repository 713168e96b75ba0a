import { Box, Typography } from '@material-ui/core';
import type { ApiScheduledEnforcementChange } from '@guardrails-dev/plugin-guardrails-common';
import { LevelChip } from '../LevelChip';
import { formatActions } from './enforcementState';
import { WhenText } from './WhenText';

/** The next instant at which the cluster's admission changes: which guardrails change stage, which exemptions end. */
export function NextChange(props: {
  change: ApiScheduledEnforcementChange | undefined;
  now: Date;
}) {
  const { change, now } = props;
  if (!change) {
    return (
      <Typography variant="body2">
        <strong>Next change:</strong> none scheduled.
      </Typography>
    );
  }
  return (
    <Box>
      <Typography variant="body2">
        <strong>Next change:</strong> <WhenText value={change.at} now={now} />
      </Typography>
      <ul aria-label="Changes at the next scheduled change">
        {change.stages.map(stage => (
          <li key={`${stage.guardrail}/${stage.environment}`}>
            <Typography variant="body2" component="span">
              {stage.guardrail} in {stage.environment}:{' '}
              {stage.from ? <LevelChip level={stage.from} /> : 'not in force'} →{' '}
              <LevelChip level={stage.to} /> ({formatActions(stage.actions)})
            </Typography>
          </li>
        ))}
        {change.expiringExemptions.map(name => (
          <li key={`exemption/${name}`}>
            <Typography variant="body2" component="span">
              Exemption {name} expires: its exclusion is removed
            </Typography>
          </li>
        ))}
      </ul>
    </Box>
  );
}
