import { Typography } from '@material-ui/core';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { ViolationRow, resourceLabel } from '../../domain/violations';
import { EnvironmentLevels } from '../EnvironmentLevels';

/** A violation's environment and level as a chip with the next stage change, and whether evaluation failed. */
export function ViolationLevel(props: {
  row: ViolationRow;
  guardrail?: ApiGuardrail;
  now: Date;
}) {
  const { row, guardrail, now } = props;
  const { violation } = row;
  return (
    <>
      <EnvironmentLevels
        title={`${violation.title} on ${resourceLabel(violation.resource)}`}
        environments={[
          { environment: row.environment, level: violation.level, objects: 1 },
        ]}
        guardrail={guardrail}
        now={now}
      />
      {violation.result === 'error' && (
        <Typography variant="caption" display="block">
          evaluation error
        </Typography>
      )}
    </>
  );
}
