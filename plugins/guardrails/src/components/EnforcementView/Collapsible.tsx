import { Box, Button, Typography } from '@material-ui/core';
import { ReactNode, useId, useState } from 'react';

/**
 * A part of a cluster's details under its own heading, opened on demand with a button that says what it shows
 * (`Show recent changes in prod-eu-1`).
 */
export function Collapsible(props: {
  title: string;
  /** What the button shows or hides, for its accessible name. */
  label: string;
  children: ReactNode;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <Box mt={1}>
      <Box display="flex" alignItems="center" gridGap={8}>
        <Typography variant="subtitle2" component="h4">
          {props.title}
        </Typography>
        <Button
          size="small"
          aria-expanded={open}
          aria-controls={id}
          aria-label={`${open ? 'Hide' : 'Show'} ${props.label}`}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide' : 'Show'}
        </Button>
      </Box>
      {open && <Box id={id}>{props.children}</Box>}
    </Box>
  );
}
