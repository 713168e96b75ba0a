import { TableCell, Typography, makeStyles } from '@material-ui/core';
import { memo, useEffect, useRef } from 'react';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { GuardrailGroup } from '../../domain/groups';
import { GuardrailId } from '../GuardrailId';
import { GuardrailLookup } from '../GuardrailExplanation';
import { RelativeTime } from '../RelativeTime';
import { SeverityLabel } from '../SeverityLabel';
import { EnvironmentLevels } from '../EnvironmentLevels';
import { ExpandableRow } from '../ExpandableRow';
import { GroupDetails } from './GroupDetails';
import { groupAnchor } from './groupAnchor';

const useStyles = makeStyles({
  title: { minWidth: 160 },
});

/**
 * One guardrail's row and, when expanded, its details. Memoised: toggling one group re-renders only that group.
 * `focus` moves the keyboard focus to the row's toggle once, then `onFocused` is called.
 */
export const GuardrailGroupRow = memo(function GuardrailGroupRowContent(props: {
  group: GuardrailGroup;
  guardrail?: ApiGuardrail;
  lookup: GuardrailLookup;
  expanded: boolean;
  onToggle: (guardrail: string) => void;
  focus: boolean;
  onFocused: () => void;
  now: Date;
  columns: number;
}) {
  const { group, guardrail, lookup, expanded, onToggle, focus, now } = props;
  const { onFocused, columns } = props;
  const classes = useStyles();
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!focus) return undefined;
    // A frame later: a button focused in the commit that mounts it has no focus ripple yet to show.
    const frame = requestAnimationFrame(() => {
      toggle.current?.focus();
      toggle.current?.scrollIntoView?.({ block: 'center' });
      onFocused();
    });
    return () => cancelAnimationFrame(frame);
  }, [focus, onFocused]);

  const count = group.rows.length;
  return (
    <ExpandableRow
      id={groupAnchor(group.guardrail)}
      label={`Show the ${count} violation${count === 1 ? '' : 's'} of ${
        group.title
      }`}
      expanded={expanded}
      onToggle={() => onToggle(group.guardrail)}
      columns={columns}
      toggleRef={toggle}
      details={() => (
        <GroupDetails
          group={group}
          guardrail={guardrail}
          lookup={lookup}
          now={now}
        />
      )}
    >
      <TableCell component="th" scope="row" className={classes.title}>
        <Typography variant="body2">{group.title}</Typography>
        <GuardrailId id={group.guardrail} />
      </TableCell>
      <TableCell>
        <SeverityLabel severity={group.severity} />
      </TableCell>
      <TableCell>
        <EnvironmentLevels
          title={group.title}
          environments={group.environments}
          guardrail={guardrail}
          now={now}
        />
      </TableCell>
      <TableCell>{group.objects}</TableCell>
      <TableCell>
        <RelativeTime value={group.firstSeen} now={now} />
      </TableCell>
    </ExpandableRow>
  );
});
