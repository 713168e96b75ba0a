import { TableBody, TableCell, TableHead, TableRow } from '@material-ui/core';
import type { ApiLoggedEnforcementChange } from '@guardrails-dev/plugin-guardrails-common';
import { ReadableTable } from '../ReadableTable';
import { RelativeTime } from '../RelativeTime';
import { CHANGE_COLUMNS, ChangeCells } from './ChangeCells';

const DRIFT_NOTES = {
  edited: 'restored after a hand edit',
  deleted: 'restored after a hand delete',
};

/** The latest changes the syncs made in a cluster, newest first, from the change log. */
export function RecentChanges(props: {
  cluster: string;
  changes: ApiLoggedEnforcementChange[];
  now: Date;
}) {
  const { cluster, changes, now } = props;
  if (changes.length === 0) {
    return <>No change recorded in {cluster} yet.</>;
  }
  return (
    <ReadableTable size="small" aria-label={`Recent changes in ${cluster}`}>
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          {CHANGE_COLUMNS.map(title => (
            <TableCell key={title}>{title}</TableCell>
          ))}
          <TableCell>Note</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map((change, index) => (
          <TableRow
            key={`${change.changedAt}/${change.kind}/${change.name}/${index}`}
          >
            <TableCell>
              <RelativeTime value={change.changedAt} now={now} />
            </TableCell>
            <ChangeCells change={change} />
            <TableCell>
              {change.drift ? DRIFT_NOTES[change.drift] : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ReadableTable>
  );
}
