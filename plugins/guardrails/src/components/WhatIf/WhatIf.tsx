import {
  Box,
  Button,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { FormEvent, useMemo, useState } from 'react';
import type { ApiGuardrailList } from '@guardrails-dev/plugin-guardrails-common';
import { GuardrailImpactRequest } from '../../api/GuardrailsApi';
import { ENFORCEMENT_LEVELS, EnforcementLevel } from '../../domain/levels';
import {
  describeCurrentStage,
  describeNextStage,
  rolloutAt,
} from '../../domain/rollout';
import { useGuardrailsData } from '../../hooks/useGuardrailsData';
import { DataView } from '../DataView';
import { ImpactResult } from './ImpactResult';

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
  },
  select: { minWidth: 200 },
}));

function Answer(props: { request: GuardrailImpactRequest }) {
  const { request } = props;
  const state = useGuardrailsData(
    api => api.getImpact(request),
    [request.guardrail, request.environment, request.level],
  );
  return (
    <Box mt={2}>
      <DataView state={state} title="Could not compute the impact">
        {impact => <ImpactResult impact={impact} />}
      </DataView>
    </Box>
  );
}

/**
 * What-if: pick a guardrail, an environment and a level and see which components, namespaces and workloads would
 * be blocked or warned, and who owns them, before changing the rollout plan.
 */
export function WhatIf(props: { list: ApiGuardrailList; now: Date }) {
  const { list, now } = props;
  const classes = useStyles();
  const [guardrail, setGuardrail] = useState(list.guardrails[0]?.id ?? '');
  const [environment, setEnvironment] = useState(
    list.environments[list.environments.length - 1] ?? '',
  );
  const [level, setLevel] = useState<EnforcementLevel>('block');
  const [request, setRequest] = useState<GuardrailImpactRequest>();

  const current = useMemo(() => {
    const rollout = list.guardrails
      .find(g => g.id === guardrail)
      ?.rollout.find(r => r.environment === environment);
    if (!rollout) return environment ? `not enforced in ${environment}` : '';
    const state = rolloutAt(rollout, now);
    return state.next
      ? `${describeCurrentStage(state)}; ${describeNextStage(
          environment,
          state.next,
        )}`
      : describeCurrentStage(state);
  }, [list, guardrail, environment, now]);

  if (list.guardrails.length === 0) {
    return (
      <Typography>
        The guardrail pack is empty: there is nothing to simulate.
      </Typography>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRequest({ guardrail, environment, level });
  };

  return (
    <Box>
      <form className={classes.form} onSubmit={submit} aria-label="What-if">
        <TextField
          id="guardrails-whatif-guardrail"
          className={classes.select}
          select
          label="Guardrail"
          value={guardrail}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          onChange={e => setGuardrail(e.target.value)}
        >
          {list.guardrails.map(g => (
            <option key={g.id} value={g.id}>
              {g.title} ({g.id})
            </option>
          ))}
        </TextField>
        <TextField
          id="guardrails-whatif-environment"
          className={classes.select}
          select
          label="Environment"
          value={environment}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          onChange={e => setEnvironment(e.target.value)}
        >
          {list.environments.map(env => (
            <option key={env} value={env}>
              {env}
            </option>
          ))}
        </TextField>
        <TextField
          id="guardrails-whatif-level"
          className={classes.select}
          select
          label="Level"
          value={level}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          onChange={e => setLevel(e.target.value as EnforcementLevel)}
        >
          {ENFORCEMENT_LEVELS.map(l => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </TextField>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={!guardrail || !environment}
        >
          Show impact
        </Button>
      </form>
      {current && (
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 8 }}
        >
          Now: {current}
        </Typography>
      )}
      {request && <Answer request={request} />}
    </Box>
  );
}
