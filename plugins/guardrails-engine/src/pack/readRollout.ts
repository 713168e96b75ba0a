import {
  ENFORCEMENT_LEVELS,
  EnforcementLevel,
  levelRank,
  RolloutPlan,
  RolloutStage,
} from '@guardrails-dev/plugin-guardrails-common';
import { parseInstant } from '../time';
import { FieldPath } from './fieldPath';
import { FieldReader } from './fieldReader';
import { environmentNamePattern } from './names';

/** Where a rollout is implicitly before its first stage: recording only. */
const IMPLICIT_START: EnforcementLevel = 'observe';

/**
 * Reads a rollout plan. Rules: each environment has at least one stage; only
 * the first stage may omit `from`; `from` dates strictly increase; a stage may
 * go up by exactly one level from the previous one (the first stage from an
 * implicit `observe`, so a plan starts at observe or warn) or down any number.
 */
export function readRollout(
  value: unknown,
  path: FieldPath,
  reader: FieldReader,
  environments: readonly string[] | undefined,
): RolloutPlan | undefined {
  const mapping = reader.mapping(value, path);
  if (!mapping) {
    return undefined;
  }
  const plan: RolloutPlan = {};
  let ok = true;
  for (const [environment, stagesValue] of Object.entries(mapping)) {
    const envPath = [...path, environment];
    if (!environmentNamePattern.test(environment)) {
      reader.report(
        envPath,
        `"${environment}" is not ${environmentNamePattern.description}`,
      );
      ok = false;
      continue;
    }
    if (environments && !environments.includes(environment)) {
      reader.report(
        envPath,
        `unknown environment "${environment}" (configured: ${environments.join(
          ', ',
        )})`,
      );
      ok = false;
      continue;
    }
    const stages = readStages(stagesValue, envPath, reader);
    if (stages) {
      plan[environment] = stages;
    } else {
      ok = false;
    }
  }
  return ok ? plan : undefined;
}

function readStages(
  value: unknown,
  path: FieldPath,
  reader: FieldReader,
): RolloutStage[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    reader.report(path, 'must be a non-empty list of stages ({ level, from })');
    return undefined;
  }
  const stages: RolloutStage[] = [];
  let ok = true;
  let previous: { level: EnforcementLevel; from?: Date; fromText?: string } = {
    level: IMPLICIT_START,
  };
  value.forEach((stageValue, index) => {
    const stagePath = [...path, index];
    const stage = reader.mapping(stageValue, stagePath);
    if (!stage) {
      ok = false;
      return;
    }
    reader.onlyKeys(stage, stagePath, ['level', 'from']);
    const level = reader.oneOf(stage, 'level', stagePath, ENFORCEMENT_LEVELS, {
      required: true,
    });
    const fromText = reader.string(stage, 'from', stagePath, {
      required: false,
    });
    if (index > 0 && (stage.from === undefined || stage.from === null)) {
      reader.report(
        [...stagePath, 'from'],
        'is required: only the first stage may start without a date',
      );
      ok = false;
    }
    let from: Date | undefined;
    if (fromText !== undefined) {
      from = parseInstant(fromText);
      if (!from) {
        reader.report(
          [...stagePath, 'from'],
          `"${fromText}" is not a date (use YYYY-MM-DD or an ISO 8601 timestamp with a zone)`,
        );
      } else if (previous.from && from.getTime() <= previous.from.getTime()) {
        reader.report(
          [...stagePath, 'from'],
          `${fromText} must be later than the previous stage's date ${previous.fromText}`,
        );
        from = undefined;
      }
    }
    if (level && levelRank(level) > levelRank(previous.level) + 1) {
      const needed = ENFORCEMENT_LEVELS[levelRank(previous.level) + 1];
      reader.report(
        [...stagePath, 'level'],
        index === 0
          ? `a rollout starts at observe or warn; add a ${needed} stage before ${level}`
          : `skips a stage: ${previous.level} must be followed by ${needed} before ${level}`,
      );
      ok = false;
    }
    const fromGiven = stage.from !== undefined && stage.from !== null;
    if (!level || (fromGiven && !from)) {
      ok = false;
    }
    if (level) {
      stages.push(
        fromText === undefined ? { level } : { level, from: fromText },
      );
      previous = {
        level,
        from: from ?? previous.from,
        fromText: from ? fromText : previous.fromText,
      };
    }
  });
  return ok ? stages : undefined;
}
