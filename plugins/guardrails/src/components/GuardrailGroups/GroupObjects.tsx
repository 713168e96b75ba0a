import {
  Box,
  Button,
  TableBody,
  TableCell,
  TableRow,
  makeStyles,
} from '@material-ui/core';
import { useState } from 'react';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { GuardrailGroup } from '../../domain/groups';
import { ExemptionSummary } from '../ExemptionSummary';
import { PlainTableHead } from '../PlainTableHead';
import { ReadableTable } from '../ReadableTable';
import { RelativeTime } from '../RelativeTime';
import { ResourceName } from '../ResourceName';
import { ViolationLevel } from '../ViolationLevel';

/** How many objects an expanded group shows at first, and how many more each click adds. */
const STEP = 25;

const useStyles = makeStyles({
  message: { whiteSpace: 'pre-line', minWidth: 200 },
});

const COLUMNS = ['Resource', 'Level', 'Message', 'Since', 'Exemption'];

/** The violations of a group with their full messages, since when they fail and their exemptions. */
export function GroupObjects(props: {
  group: GuardrailGroup;
  guardrail?: ApiGuardrail;
  now: Date;
}) {
  const { group, guardrail, now } = props;
  const classes = useStyles();
  const [shown, setShown] = useState(STEP);
  const rows = group.rows.slice(0, shown);
  const hidden = group.rows.length - rows.length;
  return (
    <Box>
      <ReadableTable size="small" aria-label={`Violations of ${group.title}`}>
        <PlainTableHead titles={COLUMNS} />
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.id}>
              <TableCell component="th" scope="row">
                <ResourceName violation={row.violation} />
              </TableCell>
              <TableCell>
                <ViolationLevel row={row} guardrail={guardrail} now={now} />
              </TableCell>
              <TableCell className={classes.message}>
                {row.violation.message}
              </TableCell>
              <TableCell>
                <RelativeTime value={row.violation.firstSeen} now={now} />
              </TableCell>
              <TableCell>
                <ExemptionSummary
                  exemption={row.violation.exemption}
                  now={now}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ReadableTable>
      {hidden > 0 && (
        <Box mt={1}>
          <Button
            variant="outlined"
            size="small"
            onClick={() => setShown(current => current + STEP * 4)}
          >
            Show {Math.min(hidden, STEP * 4)} more of {hidden}
          </Button>
        </Box>
      )}
    </Box>
  );
}
