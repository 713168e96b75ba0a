import {
  Link,
  TableBody,
  TableCell,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { MouseEvent, useMemo } from 'react';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { FixFirstItem, fixFirst } from '../../domain/fixFirst';
import { ViolationRow } from '../../domain/violations';
import { pluralDays } from '../../domain/time';
import { DateText } from '../DateText';
import { groupAnchor } from '../GuardrailGroups';
import { GuardrailId } from '../GuardrailId';
import { PlainTableHead } from '../PlainTableHead';
import { ReadableTable } from '../ReadableTable';

const useStyles = makeStyles(theme => ({
  changes: { listStyle: 'none', margin: 0, padding: 0 },
  environment: { fontWeight: theme.typography.fontWeightBold as number },
  nowrap: { whiteSpace: 'nowrap' },
}));

const COLUMNS = ['Next change', 'Guardrail', 'Where it tightens', 'Objects'];

function Countdown(props: { item: FixFirstItem }) {
  const { next } = props.item.changes[0];
  const classes = useStyles();
  return (
    <>
      <Typography variant="body2" className={classes.nowrap}>
        <strong>in {pluralDays(next.daysUntil)}</strong>
      </Typography>
      <Typography variant="caption" color="textSecondary">
        <DateText value={next.from} />
      </Typography>
    </>
  );
}

function Changes(props: { item: FixFirstItem }) {
  const classes = useStyles();
  return (
    <ul className={classes.changes}>
      {props.item.changes.map(change => (
        <li key={change.environment}>
          <Typography variant="body2" component="span">
            <span className={classes.environment}>{change.environment}</span>
            {`: ${change.current ?? 'not in force'} → ${change.next.level} `}
            on <DateText value={change.next.from} />{' '}
            <span className={classes.nowrap}>
              (in {pluralDays(change.next.daysUntil)})
            </span>
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/**
 * What will start warning or denying for this component, and when: the guardrails it fails whose next stage in an
 * environment where it fails them is stricter, soonest first, each linking to its group in the violations below.
 */
export function FixFirst(props: {
  rows: ViolationRow[];
  guardrails: Map<string, ApiGuardrail>;
  now: Date;
  horizonDays: number;
  onOpen: (guardrail: string) => void;
}) {
  const { rows, guardrails, now, horizonDays, onOpen } = props;
  const items = useMemo(
    () => fixFirst(rows, guardrails, now, horizonDays),
    [rows, guardrails, now, horizonDays],
  );

  if (items.length === 0) {
    return (
      <Typography variant="body1">
        Nothing tightens in the next {horizonDays} days: no guardrail this
        component fails moves to warn, block or auto-correct where it fails.
      </Typography>
    );
  }
  return (
    <ReadableTable size="small" aria-label="Fix first">
      <PlainTableHead titles={COLUMNS} />
      <TableBody>
        {items.map(item => {
          const anchor = groupAnchor(item.guardrail);
          return (
            <TableRow key={item.guardrail}>
              <TableCell>
                <Countdown item={item} />
              </TableCell>
              <TableCell component="th" scope="row">
                <Link
                  href={`#${anchor}`}
                  onClick={(event: MouseEvent) => {
                    event.preventDefault();
                    onOpen(item.guardrail);
                  }}
                >
                  {item.title}
                </Link>
                <GuardrailId id={item.guardrail} />
              </TableCell>
              <TableCell>
                <Changes item={item} />
              </TableCell>
              <TableCell>{item.objects}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </ReadableTable>
  );
}
