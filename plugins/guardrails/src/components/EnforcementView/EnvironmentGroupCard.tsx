import { InfoCard } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import type { ApiEnforcementEnvironment } from '@guardrails-dev/plugin-guardrails-common';
import { ClusterEnforcementCard } from './ClusterEnforcementCard';
import { EnvironmentGroup } from './enforcementState';
import { EnvironmentEnforcement } from './EnvironmentEnforcement';

/** One card per set of environments: each environment's mode and pause, then each of its clusters. */
export function EnvironmentGroupCard(props: {
  group: EnvironmentGroup;
  now: Date;
  onChanged: (answer: ApiEnforcementEnvironment) => void;
}) {
  const { group, now, onChanged } = props;
  const names = group.environments.map(e => e.environment);
  return (
    <InfoCard
      title={names.join(' and ')}
      titleTypographyProps={{ component: 'h2' }}
    >
      {group.environments.map(environment => (
        <EnvironmentEnforcement
          key={environment.environment}
          environment={environment}
          now={now}
          onChanged={onChanged}
        />
      ))}
      {group.clusters.length === 0 && (
        <Typography variant="body2">
          No configured cluster serves {names.join(' or ')}.
        </Typography>
      )}
      {group.clusters.map(cluster => (
        <ClusterEnforcementCard
          key={cluster.cluster}
          cluster={cluster}
          environments={group.environments}
          now={now}
        />
      ))}
    </InfoCard>
  );
}
