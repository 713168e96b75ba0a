import {
  ApiEnvironmentRollout,
  Guardrail,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  parseInstant,
  rolloutStatus,
} from '@guardrails-dev/plugin-guardrails-engine';

/** A guardrail's rollout plan in one environment, with its current and next stage at the given time. */
export function rolloutView(
  guardrail: Pick<Guardrail, 'rollout'>,
  environment: string,
  at: Date,
): ApiEnvironmentRollout {
  const status = rolloutStatus(guardrail, environment, at);
  return {
    environment,
    stages: (guardrail.rollout[environment] ?? []).map(stage => ({
      level: stage.level,
      ...(stage.from ? { from: parseInstant(stage.from)?.toISOString() } : {}),
    })),
    ...(status.current
      ? {
          current: {
            level: status.current.level,
            ...(status.current.from
              ? { from: status.current.from.toISOString() }
              : {}),
          },
        }
      : {}),
    ...(status.next
      ? {
          next: {
            level: status.next.level,
            from: status.next.from.toISOString(),
            daysUntil: status.next.daysUntil,
          },
        }
      : {}),
  };
}
