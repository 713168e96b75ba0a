import { daysBetween, parseInstant } from '../time';
import {
  EnforcementLevel,
  Guardrail,
  RolloutPlan,
  RolloutStage,
} from '@guardrails-dev/plugin-guardrails-common';

/** A stage of a plan with its position and parsed start. @public */
export interface StageInfo {
  environment: string;
  /** Position in the environment's stage list. */
  index: number;
  level: EnforcementLevel;
  /** Start of the stage; undefined for a first stage without a date. */
  from?: Date;
}

/** A stage that has not started yet. @public */
export interface UpcomingStage extends StageInfo {
  from: Date;
  /** Whole days until it starts, rounded up (0 never occurs: it would have started). */
  daysUntil: number;
}

/** Where one guardrail stands in one environment. @public */
export interface RolloutStatus {
  environment: string;
  /** The stage in force, if the plan has started. */
  current?: StageInfo;
  /** The level in force; undefined when the guardrail is not in force there. */
  level?: EnforcementLevel;
  /** The stage teams must prepare for, if any. */
  next?: UpcomingStage;
}

function stageStart(
  stage: RolloutStage,
  environment: string,
): Date | undefined {
  if (stage.from === undefined) {
    return undefined;
  }
  const from = parseInstant(stage.from);
  if (!from) {
    throw new Error(
      `Rollout stage of environment ${environment} has an invalid date "${stage.from}"`,
    );
  }
  return from;
}

function stages(plan: RolloutPlan, environment: string): StageInfo[] {
  return (
    Object.prototype.hasOwnProperty.call(plan, environment)
      ? plan[environment]
      : []
  ).map((stage, index) => ({
    environment,
    index,
    level: stage.level,
    from: stageStart(stage, environment),
  }));
}

/**
 * The stage in force in `environment` at `at`: the last stage whose `from`
 * has passed (a stage starts at its `from` instant, inclusive). Undefined when
 * the environment has no plan or its first stage has not started.
 * @public
 */
export function currentStage(
  plan: RolloutPlan,
  environment: string,
  at: Date,
): StageInfo | undefined {
  let current: StageInfo | undefined;
  for (const stage of stages(plan, environment)) {
    if (stage.from === undefined || stage.from.getTime() <= at.getTime()) {
      current = stage;
    }
  }
  return current;
}

/**
 * The first stage in `environment` that starts after `at`, with the days
 * left until it does.
 * @public
 */
export function nextStage(
  plan: RolloutPlan,
  environment: string,
  at: Date,
): UpcomingStage | undefined {
  for (const stage of stages(plan, environment)) {
    if (stage.from && stage.from.getTime() > at.getTime()) {
      return {
        ...stage,
        from: stage.from,
        daysUntil: daysBetween(at, stage.from),
      };
    }
  }
  return undefined;
}

/**
 * The enforcement level of a guardrail in an environment at an instant.
 * Undefined means the guardrail is not in force there (no plan for the
 * environment, or the plan starts later): it is not evaluated and not
 * exported for that environment.
 * @public
 */
export function effectiveLevel(
  guardrail: Pick<Guardrail, 'rollout'>,
  environment: string,
  at: Date,
): EnforcementLevel | undefined {
  return currentStage(guardrail.rollout, environment, at)?.level;
}

/** Current level, current stage and next stage of a guardrail in an environment. @public */
export function rolloutStatus(
  guardrail: Pick<Guardrail, 'rollout'>,
  environment: string,
  at: Date,
): RolloutStatus {
  const current = currentStage(guardrail.rollout, environment, at);
  const next = nextStage(guardrail.rollout, environment, at);
  return {
    environment,
    ...(current ? { current, level: current.level } : {}),
    ...(next ? { next } : {}),
  };
}
