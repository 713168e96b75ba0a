import { IconButton, TableCell, TableRow, makeStyles } from '@material-ui/core';
import ExpandLessIcon from '@material-ui/icons/KeyboardArrowUp';
import ExpandMoreIcon from '@material-ui/icons/KeyboardArrowDown';
import { ReactNode, Ref } from 'react';

const useStyles = makeStyles(theme => ({
  row: { '& > td, & > th': { borderBottom: 'unset' } },
  details: { backgroundColor: theme.palette.background.default },
  // An outline rather than MUI's focus ripple: a link into the page focuses the toggle right after it mounts,
  // before the ripple exists, and MUI then fails the whole page.
  toggle: {
    '&.Mui-focusVisible, &:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 1,
    },
  },
}));

/**
 * A table row with a first cell that shows or hides a details row under it. The toggle tells screen readers
 * whether the details are shown and which row holds them.
 */
export function ExpandableRow(props: {
  /** The element ID of the row; its details row gets this ID with `-details`. */
  id: string;
  /** The toggle's name when the details are hidden, e.g. "Show details of …"; "Show" becomes "Hide" when shown. */
  label: string;
  expanded: boolean;
  onToggle: () => void;
  /** How many columns the table has, the toggle's included. */
  columns: number;
  toggleRef?: Ref<HTMLButtonElement>;
  /** The row's cells after the toggle. */
  children: ReactNode;
  /** The details, rendered only when shown. */
  details: () => ReactNode;
}) {
  const { id, label, expanded, onToggle, columns, toggleRef } = props;
  const classes = useStyles();
  const detailsId = `${id}-details`;
  return (
    <>
      <TableRow id={id} className={classes.row}>
        <TableCell padding="checkbox">
          <IconButton
            ref={toggleRef}
            size="small"
            className={classes.toggle}
            disableFocusRipple
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            aria-label={expanded ? label.replace(/^Show/, 'Hide') : label}
            onClick={onToggle}
          >
            {expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
        </TableCell>
        {props.children}
      </TableRow>
      {expanded && (
        <TableRow id={detailsId} className={classes.details}>
          <TableCell colSpan={columns}>{props.details()}</TableCell>
        </TableRow>
      )}
    </>
  );
}
