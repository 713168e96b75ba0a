import type {
  ApiEnvironmentRollout,
  ApiRolloutStage,
} from '@guardrails-dev/plugin-guardrails-common';
import { rolloutStatus } from '@guardrails-dev/plugin-guardrails-engine';
import { EnforcementLevel } from './levels';
import { formatDate, pluralDays } from './time';

/** A stage of a rollout placed relative to now. */
export interface TimelineStage extends ApiRolloutStage {
  position: 'past' | 'current' | 'next' | 'later';
}

/** The next stage of a rollout, with the whole days left until it starts. */
export interface NextStage {
  level: EnforcementLevel;
  from: string;
  daysUntil: number;
}

/** A guardrail's rollout in one environment, evaluated at an instant. */
export interface RolloutAt {
  environment: string;
  stages: TimelineStage[];
  current?: ApiRolloutStage;
  next?: NextStage;
}

/**
 * Places each stage in the past, present or future. The current and next stages come from the engine's rollout
 * maths (the same the backend uses); they are computed here rather than taken from the answer so that a page left
 * open stays right.
 */
export function rolloutAt(
  rollout: ApiEnvironmentRollout,
  now: Date,
): RolloutAt {
  const { current, next } = rolloutStatus(
    { rollout: { [rollout.environment]: rollout.stages } },
    rollout.environment,
    now,
  );
  const stages = rollout.stages.map((stage, index): TimelineStage => {
    let position: TimelineStage['position'] = 'later';
    if (current && index < current.index) position = 'past';
    else if (index === current?.index) position = 'current';
    else if (index === next?.index) position = 'next';
    return { ...stage, position };
  });
  return {
    environment: rollout.environment,
    stages,
    ...(current ? { current: rollout.stages[current.index] } : {}),
    ...(next
      ? {
          next: {
            level: next.level,
            from: rollout.stages[next.index].from ?? next.from.toISOString(),
            daysUntil: next.daysUntil,
          },
        }
      : {}),
  };
}

/** `becomes block in prod on 2027-02-01 — 41 days`. */
export function describeNextStage(
  environment: string,
  next: NextStage,
): string {
  return `becomes ${next.level} in ${environment} on ${formatDate(
    next.from,
  )} — ${pluralDays(next.daysUntil)}`;
}

/** `warn in prod`, `not in force in prod yet`, for the stage in force now. */
export function describeCurrentStage(state: RolloutAt): string {
  if (state.current) {
    return `${state.current.level} in ${state.environment}`;
  }
  return state.stages.length === 0
    ? `not enforced in ${state.environment}`
    : `not in force in ${state.environment} yet`;
}
