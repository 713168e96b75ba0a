import {
  IconButton,
  TableCell,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import ExpandLessIcon from '@material-ui/icons/KeyboardArrowUp';
import ExpandMoreIcon from '@material-ui/icons/KeyboardArrowDown';
import { memo } from 'react';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { ViolationRow, resourceLabel } from '../../domain/violations';
import { ExemptionSummary } from '../ExemptionSummary';
import { GuardrailId } from '../GuardrailId';
import { GuardrailLookup } from '../GuardrailExplanation';
import { EnvironmentLevels } from '../EnvironmentLevels';
import { RelativeTime } from '../RelativeTime';
import { SeverityLabel } from '../SeverityLabel';
import { ViolationDetails } from './ViolationDetails';

const useStyles = makeStyles(theme => ({
  row: { '& > td, & > th': { borderBottom: 'unset' } },
  details: { backgroundColor: theme.palette.background.default },
  // Two lines at most: the full message is in the details.
  message: {
    maxWidth: 200,
    lineHeight: 1.43,
    maxHeight: '2.86em',
    overflow: 'hidden',
  },
}));

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
  const detailsId = `guardrails-violation-${row.id}`;
  const resource = resourceLabel(violation.resource);
  return (
    <>
      <TableRow className={classes.row}>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            aria-label={`${expanded ? 'Hide' : 'Show'} details of ${
              violation.title
            } on ${resource}`}
            onClick={() => onToggle(row.id)}
          >
            {expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
        </TableCell>
        <TableCell component="th" scope="row">
          <Typography variant="body2">{violation.title}</Typography>
          <GuardrailId id={violation.guardrail} />
        </TableCell>
        <TableCell>
          <Typography variant="body2">{resource}</Typography>
          <Typography variant="caption" color="textSecondary">
            {violation.resource.cluster}
          </Typography>
        </TableCell>
        <TableCell>
          <EnvironmentLevels
            title={`${violation.title} on ${resource}`}
            environments={[
              {
                environment: row.environment,
                level: violation.level,
                objects: 1,
              },
            ]}
            guardrail={guardrail}
            now={now}
          />
          {violation.result === 'error' && (
            <Typography variant="caption" display="block">
              evaluation error
            </Typography>
          )}
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
      </TableRow>
      {expanded && (
        <TableRow id={detailsId} className={classes.details}>
          <TableCell colSpan={columns}>
            <ViolationDetails
              row={row}
              guardrail={guardrail}
              lookup={lookup}
              now={now}
            />
          </TableCell>
        </TableRow>
      )}
    </>
  );
});
