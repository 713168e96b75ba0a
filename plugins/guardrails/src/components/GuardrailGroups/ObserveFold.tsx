import { Button, TableCell, TableRow } from '@material-ui/core';
import ExpandLessIcon from '@material-ui/icons/KeyboardArrowUp';
import ExpandMoreIcon from '@material-ui/icons/KeyboardArrowDown';

/** The row that folds the guardrails failing only at observe: recorded, nothing warns or denies yet. */
export function ObserveFold(props: {
  count: number;
  open: boolean;
  onToggle: () => void;
  columns: number;
}) {
  const { count, open, onToggle, columns } = props;
  return (
    <TableRow>
      <TableCell colSpan={columns}>
        <Button
          size="small"
          aria-expanded={open}
          startIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          onClick={onToggle}
        >
          {open ? `Fold the ${count} at observe` : `${count} more at observe`}
        </Button>
      </TableCell>
    </TableRow>
  );
}
