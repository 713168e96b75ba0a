import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type {
  ApiClusterEnforcement,
  ApiEnforcementEnvironment,
} from '@guardrails-dev/plugin-guardrails-common';
import { useId } from 'react';
import { ClusterStatusChip } from './ClusterStatusChip';
import { Collapsible } from './Collapsible';
import { EnforcedBindings } from './EnforcedBindings';
import { clusterStatus, pauseState } from './enforcementState';
import { LastSync } from './LastSync';
import { NextChange } from './NextChange';
import { PauseChip } from './PauseChip';
import { RecentChanges } from './RecentChanges';

const SEVERITY = {
  failing: 'error',
  stale: 'warning',
  'never-synced': 'warning',
  off: 'info',
  'in-sync': 'success',
} as const;

/** One cluster's admission enforcement: status with the reason, last sync, next change, what is enforced, changes. */
export function ClusterEnforcementCard(props: {
  cluster: ApiClusterEnforcement;
  environments: ApiEnforcementEnvironment[];
  now: Date;
}) {
  const { cluster, environments, now } = props;
  const headingId = useId();
  const status = clusterStatus(cluster, now);
  const syncing = environments.filter(e =>
    cluster.syncing.includes(e.environment),
  );
  const name = cluster.cluster;
  return (
    <Box component="section" aria-labelledby={headingId} mt={2}>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <Typography variant="h6" component="h3" id={headingId}>
          {name}
        </Typography>
        <ClusterStatusChip status={status} />
        {syncing.map(e => (
          <PauseChip
            key={e.environment}
            environment={e.environment}
            state={pauseState(e, cluster)}
          />
        ))}
      </Box>
      {status.detail && (
        <Box my={1}>
          <Alert severity={SEVERITY[status.kind]} role="status">
            {status.detail}
          </Alert>
        </Box>
      )}
      {status.kind !== 'off' && (
        <>
          <LastSync sync={cluster.lastSync} now={now} />
          <NextChange change={cluster.nextChange} now={now} />
          <Collapsible
            title={`Enforced now (${cluster.enforced.length})`}
            label={`bindings enforced in ${name}`}
          >
            <EnforcedBindings cluster={name} bindings={cluster.enforced} />
          </Collapsible>
        </>
      )}
      <Collapsible
        title={`Recent changes (${cluster.recentChanges.length})`}
        label={`recent changes in ${name}`}
      >
        <RecentChanges
          cluster={name}
          changes={cluster.recentChanges}
          now={now}
        />
      </Collapsible>
    </Box>
  );
}
