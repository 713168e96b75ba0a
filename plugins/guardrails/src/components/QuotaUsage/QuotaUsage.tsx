import { InfoCard } from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Grid, Typography, makeStyles } from '@material-ui/core';
import { useMemo } from 'react';
import type { ApiEntityUsage } from '@guardrails-dev/plugin-guardrails-common';
import { useGuardrailsData } from '../../hooks/useGuardrailsData';
import { useNow } from '../../hooks/useNow';
import { DataView } from '../DataView';
import { NamespaceUsage, NamespaceUsageData } from './NamespaceUsage';

type EntityUsage = ApiEntityUsage;

const useStyles = makeStyles(theme => ({
  environment: {
    height: '100%',
    padding: theme.spacing(2),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/** The namespaces of each environment, environments in the order the backend lists them. */
function byEnvironment(
  usage: EntityUsage,
): Array<[string, NamespaceUsageData[]]> {
  const groups = new Map<string, NamespaceUsageData[]>();
  for (const entry of usage.environments) {
    groups.set(entry.environment, [
      ...(groups.get(entry.environment) ?? []),
      entry,
    ]);
  }
  return [...groups.entries()];
}

function EnvironmentUsage(props: {
  environment: string;
  namespaces: NamespaceUsageData[];
}) {
  const classes = useStyles();
  const now = useNow();
  return (
    <Box
      component="section"
      className={classes.environment}
      aria-label={`Quota use in ${props.environment}`}
    >
      <Typography variant="h6" component="h3" gutterBottom>
        {props.environment}
      </Typography>
      {props.namespaces.map(usage => (
        <NamespaceUsage
          key={`${usage.cluster}/${usage.namespace}`}
          usage={usage}
          now={now}
        />
      ))}
    </Box>
  );
}

function UsageView(props: { usage: EntityUsage }) {
  const groups = useMemo(() => byEnvironment(props.usage), [props.usage]);
  if (groups.length === 0) {
    return (
      <Typography variant="body2">
        No namespace provisioned for this component is known yet: quota use
        appears once an audit has read its namespaces.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      {groups.map(([environment, namespaces]) => (
        <Grid item xs={12} lg={6} key={environment}>
          <EnvironmentUsage environment={environment} namespaces={namespaces} />
        </Grid>
      ))}
    </Grid>
  );
}

/**
 * Quota use of the component's namespaces per environment: each ResourceQuota resource's used against hard, the
 * namespace's size, "no quota" when there is none, and which clusters' data is missing or stale.
 */
export function QuotaUsage() {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const state = useGuardrailsData(
    api => api.getEntityUsage(ref),
    [stringifyEntityRef(ref)],
  );
  return (
    <InfoCard
      title="Quota use"
      subheader="What each namespace reserves against its ResourceQuota, per environment"
    >
      <DataView state={state} title="Could not load the quota use">
        {usage => <UsageView usage={usage} />}
      </DataView>
    </InfoCard>
  );
}
