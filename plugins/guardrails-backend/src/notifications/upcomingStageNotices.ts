import {
  ENFORCEMENT_LEVELS,
  EnforcementLevel,
  Exemption,
  Guardrail,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  findExemption,
  parseInstant,
} from '@guardrails-dev/plugin-guardrails-engine';
import type { NoticeResult } from '../db/noticeResults';
import { groupBy } from './groupBy';
import { daysUntil, dueHorizon } from './horizons';
import { levelEffect } from './levelEffect';
import type { Notice, NoticeInput } from './Notice';
import {
  counted,
  daysText,
  entityName,
  guardrailExplanation,
  guardrailTopic,
  instantText,
  noticeScope,
  objectList,
} from './noticeText';
import { noticeSeverity } from './severity';

/** A stage that tightens a guardrail, whose notice is due now. */
interface DueStage {
  guardrail: Guardrail;
  environment: string;
  level: EnforcementLevel;
  from: Date;
  horizon: number;
}

/**
 * Upcoming stage changes that will affect a component: for each stage that makes a guardrail warn, block or
 * auto-correct where it did less, once its nearest horizon is reached, one notice per component with un-exempted
 * failing objects there, listing them. A component with none (fixed, or exempted past the date) gets nothing.
 */
export function upcomingStageNotices(input: NoticeInput): Notice[] {
  const { now, config } = input;
  const stages = input.pack.guardrails.flatMap(guardrail =>
    dueStages(guardrail, now, config.upcomingStage.horizons),
  );
  if (stages.length === 0) return [];
  const violations = groupBy(
    input.results.filter(r => r.result !== 'skip' && r.entityRef),
    r => `${r.guardrail}\n${r.environment}`,
  );
  return stages.flatMap(stage => {
    // The guardrail's own exemptions: each object is checked against those only.
    const exemptions = input.pack.exemptions.filter(e =>
      e.guardrails.includes(stage.guardrail.id),
    );
    const failing = (
      violations.get(`${stage.guardrail.id}\n${stage.environment}`) ?? []
    ).filter(r => !exemptedAt(exemptions, stage, r));
    const byEntity = groupBy(failing, r => r.entityRef!);
    return [...byEntity].map(([entityRef, objects]) =>
      notice(input, stage, entityRef, objects),
    );
  });
}

function dueStages(
  guardrail: Guardrail,
  now: Date,
  horizons: readonly number[],
): DueStage[] {
  return Object.entries(guardrail.rollout).flatMap(([environment, plan]) => {
    let before = -1;
    const due: DueStage[] = [];
    for (const stage of plan) {
      const rank = ENFORCEMENT_LEVELS.indexOf(stage.level);
      const from = stage.from ? parseInstant(stage.from) : undefined;
      // Only a stage that tightens: observe tells nobody, and going back a level takes nothing away.
      const horizon =
        from && stage.level !== 'observe' && rank > before
          ? dueHorizon(from, now, horizons)
          : undefined;
      if (from && horizon !== undefined) {
        due.push({ guardrail, environment, level: stage.level, from, horizon });
      }
      before = rank;
    }
    return due;
  });
}

/** Whether an exemption still in force on the stage's date covers the object. */
function exemptedAt(
  exemptions: Exemption[],
  stage: DueStage,
  result: NoticeResult,
): boolean {
  const match = findExemption(
    exemptions,
    stage.guardrail.id,
    {
      entityRef: result.entityRef,
      environment: result.environment,
      namespace: result.namespace,
      resource: result,
    },
    stage.from,
  );
  return match?.status === 'active';
}

function notice(
  input: NoticeInput,
  stage: DueStage,
  entityRef: string,
  objects: NoticeResult[],
): Notice {
  const { guardrail, environment, level, from, horizon } = stage;
  const key = [
    'upcoming-stage',
    entityRef,
    guardrail.id,
    environment,
    level,
    from.toISOString(),
    `${horizon}d`,
  ].join('|');
  const days = daysUntil(from, input.now);
  const count = counted(objects.length, 'object');
  const effect = levelEffect(level);
  return {
    records: [
      {
        key,
        kind: 'upcoming-stage',
        entityRef,
        guardrail: guardrail.id,
        environment,
        dueUntil: from,
      },
    ],
    recipients: [entityRef],
    payload: () => ({
      title: `${effect.title} in ${environment} in ${daysText(days)}: ${
        guardrail.title
      }`,
      description: [
        `From ${instantText(from)}, ${
          guardrail.id
        } is at ${level} in ${environment}: ${
          effect.consequence
        } ${count} of ${entityName(entityRef)} that ${
          objects.length === 1 ? 'fails' : 'fail'
        } it now.`,
        objectList(objects),
        guardrailExplanation(guardrail),
      ].join('\n\n'),
      link: input.links.entityTab(entityRef),
      severity: noticeSeverity({ severity: guardrail.severity, days, level }),
      topic: guardrailTopic(guardrail.id),
      scope: noticeScope([key]),
      metadata: {
        kind: 'upcoming-stage',
        guardrail: guardrail.id,
        environment,
        level,
        from: from.toISOString(),
        horizon,
        entityRef,
        objects: objects.length,
      },
    }),
  };
}
