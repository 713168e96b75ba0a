import { TableCell, Typography, makeStyles } from '@material-ui/core';
import { memo } from 'react';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { ViolationRow, resourceLabel } from '../../domain/violations';
import { ExemptionSummary } from '../ExemptionSummary';
import { ExpandableRow } from '../ExpandableRow';
import { GuardrailId } from '../GuardrailId';
import { GuardrailLookup } from '../GuardrailExplanation';
import { RelativeTime } from '../RelativeTime';
import { ResourceName } from '../ResourceName';
import { SeverityLabel } from '../SeverityLabel';
import { ViolationLevel } from '../ViolationLevel';
import { ViolationDetails } from './ViolationDetails';

const useStyles = makeStyles({
  // Two lines at most: the full message is in the details.
  message: {
    maxWidth: 200,
    lineHeight: 1.43,
    maxHeight: '2.86em',
    overflow: 'hidden',
  },
});

/** One violation and, when expanded, its details. Memoised: a page re-renders only the rows that changed. */
export const ViolationRowView = memo(function ViolationRowContent(props: {
  row: ViolationRow;
  guardrail?: ApiGuardrail;
  lookup: GuardrailLookup;
  expanded: boolean;
  onToggle: (id: string) => void;
  now: Date;
  columns: number;
}) {
  const { row, guardrail, lookup, expanded, onToggle, now, columns } = props;
  const classes = useStyles();
  const { violation } = row;
  return (
    <ExpandableRow
      id={`guardrails-violation-${row.id}`}
      label={`Show details of ${violation.title} on ${resourceLabel(
        violation.resource,
      )}`}
      expanded={expanded}
      onToggle={() => onToggle(row.id)}
      columns={columns}
      details={() => (
        <ViolationDetails
          row={row}
          guardrail={guardrail}
          lookup={lookup}
          now={now}
        />
      )}
    >
      <TableCell component="th" scope="row">
        <Typography variant="body2">{violation.title}</Typography>
        <GuardrailId id={violation.guardrail} />
      </TableCell>
      <TableCell>
        <ResourceName violation={violation} />
      </TableCell>
      <TableCell>
        <ViolationLevel row={row} guardrail={guardrail} now={now} />
      </TableCell>
      <TableCell>
        <SeverityLabel severity={violation.severity} />
      </TableCell>
      <TableCell>
        <Typography variant="body2" className={classes.message}>
          {violation.message}
        </Typography>
      </TableCell>
      <TableCell>
        <RelativeTime value={violation.firstSeen} now={now} />
      </TableCell>
      <TableCell>
        <ExemptionSummary exemption={violation.exemption} now={now} />
      </TableCell>
    </ExpandableRow>
  );
});
