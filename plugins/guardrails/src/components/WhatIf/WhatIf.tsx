import { NativeSelect } from '../NativeSelect';
import { Box, Button, Typography, makeStyles } from '@material-ui/core';
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
        <NativeSelect
          id="guardrails-whatif-guardrail"
          className={classes.select}
          label="Guardrail"
          value={guardrail}
          onChange={setGuardrail}
          options={list.guardrails.map(g => ({
            value: g.id,
            label: `${g.title} (${g.id})`,
          }))}
        />
        <NativeSelect
          id="guardrails-whatif-environment"
          className={classes.select}
          label="Environment"
          value={environment}
          onChange={setEnvironment}
          options={list.environments}
        />
        <NativeSelect
          id="guardrails-whatif-level"
          className={classes.select}
          label="Level"
          value={level}
          onChange={value => setLevel(value as EnforcementLevel)}
          options={ENFORCEMENT_LEVELS}
        />
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
