import {
  Box,
  Button,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { useState } from 'react';
import { GuardrailGroup } from '../../domain/groups';
import { resourceLabel } from '../../domain/violations';
import { ExemptionSummary } from '../ExemptionSummary';
import { LevelChip } from '../LevelChip';
import { RelativeTime } from '../RelativeTime';
import { ReadableTable } from '../ReadableTable';

/** How many objects an expanded group shows at first, and how many more each click adds. */
const STEP = 25;

const useStyles = makeStyles({
  message: { whiteSpace: 'pre-line', minWidth: 200 },
});

const COLUMNS = [
  'Resource',
  'Environment',
  'Level',
  'Message',
  'Since',
  'Exemption',
];

/** The objects of a group with their full messages, since when they fail and their exemptions. */
export function GroupObjects(props: { group: GuardrailGroup; now: Date }) {
  const { group, now } = props;
  const classes = useStyles();
  const [shown, setShown] = useState(STEP);
  const rows = group.rows.slice(0, shown);
  const hidden = group.rows.length - rows.length;
  return (
    <Box>
      <ReadableTable size="small" aria-label={`Violations of ${group.title}`}>
        <TableHead>
          <TableRow>
            {COLUMNS.map(title => (
              <TableCell key={title}>{title}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ id, environment, violation }) => (
            <TableRow key={id}>
              <TableCell component="th" scope="row">
                <Typography variant="body2">
                  {resourceLabel(violation.resource)}
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {violation.resource.cluster} · {violation.source}
                </Typography>
              </TableCell>
              <TableCell>{environment}</TableCell>
              <TableCell>
                <LevelChip level={violation.level} />
                {violation.result === 'error' && (
                  <Typography variant="caption" display="block">
                    evaluation error
                  </Typography>
                )}
              </TableCell>
              <TableCell className={classes.message}>
                {violation.message}
              </TableCell>
              <TableCell>
                <RelativeTime value={violation.firstSeen} now={now} />
              </TableCell>
              <TableCell>
                <ExemptionSummary exemption={violation.exemption} now={now} />
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
