import { TableCell, TableHead, TableRow } from '@material-ui/core';

/** The header row of a table that does not sort: one cell per column title. */
export function PlainTableHead(props: { titles: ReadonlyArray<string> }) {
  return (
    <TableHead>
      <TableRow>
        {props.titles.map(title => (
          <TableCell key={title}>{title}</TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}
