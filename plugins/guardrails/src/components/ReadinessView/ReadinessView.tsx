import { Typography } from '@material-ui/core';
import { useGuardrailsData } from '../../hooks/useGuardrailsData';
import { DataView } from '../DataView';
import { ReadinessChangeCard } from './ReadinessChangeCard';

/**
 * Rollout readiness: every stage change of the coming weeks with what it would affect on its date, the owners, the
 * notices sent and how the count went down since.
 */
export function ReadinessView() {
  const state = useGuardrailsData(api => api.getReadiness(), []);
  return (
    <DataView state={state} title="Could not load the rollout readiness">
      {readiness =>
        readiness.changes.length === 0 ? (
          <Typography variant="body2">
            No stage change in the next {readiness.horizonDays} days.
          </Typography>
        ) : (
          <>
            <Typography variant="body2" paragraph>
              {readiness.changes.length === 1
                ? 'One stage change'
                : `${readiness.changes.length} stage changes`}{' '}
              in the next {readiness.horizonDays} days, soonest first. Counts
              are what each change would affect if it applied now, minus
              exemptions still in force on its date.
            </Typography>
            {readiness.changes.map(change => (
              <ReadinessChangeCard
                key={`${change.guardrail}|${change.environment}|${change.from}`}
                change={change}
              />
            ))}
          </>
        )
      }
    </DataView>
  );
}
