import { Link } from '@backstage/core-components';
import { Box, Typography, makeStyles } from '@material-ui/core';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';

const useStyles = makeStyles(theme => ({
  text: { whiteSpace: 'pre-line' },
  heading: { marginTop: theme.spacing(1) },
}));

/** What the catalog of guardrails says about a guardrail that is missing from it. */
export type GuardrailLookup = 'loading' | 'failed' | 'loaded';

/** Why a guardrail exists, how to fix a violation and its documentation, or why these are not shown. */
export function GuardrailExplanation(props: {
  guardrailId: string;
  guardrail?: ApiGuardrail;
  lookup: GuardrailLookup;
}) {
  const { guardrailId, guardrail, lookup } = props;
  const classes = useStyles();
  if (!guardrail) {
    return (
      <Typography variant="body2">
        {lookup === 'loading' &&
          "Loading the guardrail's rationale and remediation…"}
        {lookup === 'failed' &&
          'The rationale and remediation could not be loaded; see the message above the table.'}
        {lookup === 'loaded' &&
          `${guardrailId} is not in the guardrail pack: it was reported by another source, or it has left the pack and will disappear after the next audit.`}
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="subtitle2" component="h4">
        Why this guardrail exists
      </Typography>
      <Typography variant="body2" className={classes.text}>
        {guardrail.rationale}
      </Typography>
      <Typography
        variant="subtitle2"
        component="h4"
        className={classes.heading}
      >
        How to fix it
      </Typography>
      <Typography variant="body2" className={classes.text}>
        {guardrail.remediation}
      </Typography>
      {guardrail.docsUrl && (
        <Box mt={1}>
          <Link to={guardrail.docsUrl}>Documentation of {guardrail.id}</Link>
        </Box>
      )}
    </>
  );
}
