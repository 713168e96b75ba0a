import {
  Box,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { ApiClusterDryRun } from '@guardrails-dev/plugin-guardrails-common';
import { ReadableTable } from '../ReadableTable';
import { CHANGE_COLUMNS, ChangeCells } from './ChangeCells';

/** What the next sync would change in one cluster: objects to create, update or delete, old → new actions. */
export function DryRunCluster(props: { plan: ApiClusterDryRun }) {
  const { plan } = props;
  const name = plan.cluster;
  let body;
  if (plan.status === 'off') {
    body = <>Enforcement is off here: a sync writes nothing.</>;
  } else if (plan.status === 'failed') {
    body = (
      <Alert severity="error" role="status">
        Could not read the cluster’s admission objects:{' '}
        {plan.reason ?? 'no reason was given'}.
      </Alert>
    );
  } else if (plan.changes.length === 0) {
    body = <>Nothing to change: the cluster holds what is due.</>;
  } else {
    body = (
      <ReadableTable
        size="small"
        aria-label={`Changes at the next sync in ${name}`}
      >
        <TableHead>
          <TableRow>
            {CHANGE_COLUMNS.map(title => (
              <TableCell key={title}>{title}</TableCell>
            ))}
            <TableCell>Fields that differ</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.changes.map(change => (
            <TableRow key={`${change.kind}/${change.name}`}>
              <ChangeCells change={change} />
              <TableCell>
                {change.fields.join(', ')}
                {change.drift ? ` (${change.drift} by hand)` : ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ReadableTable>
    );
  }
  return (
    <Box component="section" aria-label={`Next sync in ${name}`} mt={2}>
      <Typography variant="h6" component="h3">
        {name}
      </Typography>
      <Typography variant="body2" component="div">
        {body}
      </Typography>
      {plan.unmanaged.length > 0 && (
        <Box mt={1}>
          <Alert severity="warning" role="status">
            Left alone: objects the suite does not manage hold these names, so
            the suite does not apply its own there:{' '}
            {plan.unmanaged.map(u => `${u.kind} ${u.name}`).join(', ')}.
          </Alert>
        </Box>
      )}
    </Box>
  );
}
