import { Grid } from '@material-ui/core';
import { ReactNode } from 'react';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { GuardrailExplanation, GuardrailLookup } from './GuardrailExplanation';

/**
 * The layout of an expanded row: the guardrail's explanation beside `aside` (its rollout, the finding), and
 * `below` across the whole width.
 */
export function ExplainedDetails(props: {
  guardrailId: string;
  guardrail?: ApiGuardrail;
  lookup: GuardrailLookup;
  aside: ReactNode;
  below?: ReactNode;
}) {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={7}>
        <GuardrailExplanation
          guardrailId={props.guardrailId}
          guardrail={props.guardrail}
          lookup={props.lookup}
        />
      </Grid>
      <Grid item xs={12} md={5}>
        {props.aside}
      </Grid>
      {props.below && (
        <Grid item xs={12}>
          {props.below}
        </Grid>
      )}
    </Grid>
  );
}
