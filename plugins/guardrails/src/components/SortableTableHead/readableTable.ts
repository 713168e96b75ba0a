import { makeStyles } from '@material-ui/core';

/**
 * For a table's className: the theme's `word-break: break-word` on table cells lets a narrow column split words
 * ("Envir onme nt"); here cells wrap between words only, and long identifiers carry their own break points.
 */
export const useReadableTableStyles = makeStyles({
  table: { '& td, & th': { wordBreak: 'normal' } },
});
