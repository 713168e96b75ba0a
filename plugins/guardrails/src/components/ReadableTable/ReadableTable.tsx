import { Table, TableProps, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  // The theme's `word-break: break-word` on table cells lets a narrow column split words ("Envir onme nt"): here
  // cells wrap between words only, long identifiers carry their own break points, and column titles keep one line.
  // Narrower side padding than the theme's leaves the columns room for that at laptop widths.
  table: {
    '& td, & th': {
      wordBreak: 'normal',
      paddingLeft: theme.spacing(1),
      paddingRight: theme.spacing(1),
    },
    '& thead th': { whiteSpace: 'nowrap' },
  },
}));

/**
 * A Material UI table that never breaks a word inside and keeps each column title on one line, readable at
 * 1024 px.
 */
export function ReadableTable(props: TableProps) {
  const classes = useStyles();
  const className = [classes.table, props.className].filter(Boolean).join(' ');
  return <Table {...props} className={className} />;
}
