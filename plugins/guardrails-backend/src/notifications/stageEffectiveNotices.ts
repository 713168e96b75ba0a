import type { Guardrail } from '@guardrails-dev/plugin-guardrails-common';
import {
  currentStage,
  VALIDATION_ACTIONS,
} from '@guardrails-dev/plugin-guardrails-engine';
import type { LoggedEnforcementChange } from '../db/EnforcementStore';
import { addDays } from './horizons';
import { levelEffect } from './levelEffect';
import type { Notice, NoticeInput } from './Notice';
import {
  counted,
  guardrailExplanation,
  guardrailTopic,
  instantText,
  noticeScope,
} from './noticeText';
import { noticeSeverity } from './severity';

/**
 * How far back a binding change is looked at, and how long after its stage's date it may come: a change long after
 * the date is not the stage taking effect (a resumed pause, a restored edit, a first sync).
 */
export const STAGE_EFFECTIVE_DAYS = 2;

const BINDING_KIND = 'ValidatingAdmissionPolicyBinding';

/**
 * To the platform team: a stage change that took effect in a cluster, as the admission sync recorded it (a binding
 * changed to the actions of the stage that had just begun), with how many objects and components fail the guardrail
 * there now. Nothing for observe.
 */
export function stageEffectiveNotices(input: NoticeInput): Notice[] {
  const { now, config } = input;
  if (!config.stageEffective.enabled) return [];
  const guardrails = new Map(input.pack.guardrails.map(g => [g.id, g]));
  const since = addDays(now, -STAGE_EFFECTIVE_DAYS).getTime();
  return input.changes.flatMap(change => {
    const changedAt = new Date(change.changedAt);
    const guardrail = change.guardrail
      ? guardrails.get(change.guardrail)
      : undefined;
    if (
      !guardrail ||
      !change.environment ||
      change.kind !== BINDING_KIND ||
      change.change === 'delete' ||
      change.drift ||
      changedAt.getTime() < since
    ) {
      return [];
    }
    const stage = currentStage(
      guardrail.rollout,
      change.environment,
      changedAt,
    );
    if (
      !stage?.from ||
      stage.level === 'observe' ||
      changedAt.getTime() - stage.from.getTime() >
        STAGE_EFFECTIVE_DAYS * 24 * 60 * 60 * 1000 ||
      (change.newActions ?? []).join() !==
        VALIDATION_ACTIONS[stage.level].join()
    ) {
      return [];
    }
    return [notice(input, change, guardrail, stage.level, stage.from)];
  });
}

function notice(
  input: NoticeInput,
  change: LoggedEnforcementChange,
  guardrail: Guardrail,
  level: 'warn' | 'block' | 'auto-correct',
  from: Date,
): Notice {
  const environment = change.environment!;
  const key = [
    'stage-effective',
    change.cluster,
    guardrail.id,
    environment,
    level,
    from.toISOString(),
  ].join('|');
  const here = input.results.filter(
    r => r.guardrail === guardrail.id && r.cluster === change.cluster,
  );
  const failing = here.filter(r => r.result !== 'skip');
  const components = new Set(failing.flatMap(r => r.entityRef ?? []));
  const unowned = failing.filter(r => !r.entityRef).length;
  const exempted = here.length - failing.length;
  return {
    records: [
      {
        key,
        kind: 'stage-effective',
        guardrail: guardrail.id,
        environment,
        dueUntil: addDays(from, STAGE_EFFECTIVE_DAYS),
      },
    ],
    recipients: input.config.stageEffective.recipients,
    payload: () => ({
      title: `${guardrail.id} is now at ${level} in ${environment} (cluster ${change.cluster})`,
      description: [
        `The stage of ${instantText(from)} took effect in cluster ${
          change.cluster
        } at ${instantText(new Date(change.changedAt))}: ${
          levelEffect(level).consequence
        } objects that fail ${guardrail.title}.`,
        `Failing there now: ${counted(failing.length, 'object')} of ${counted(
          components.size,
          'component',
        )}, ${unowned} unowned; ${exempted} exempted.`,
        guardrailExplanation(guardrail),
      ].join('\n\n'),
      link: input.links.guardrail(guardrail.id),
      severity: noticeSeverity({
        severity: guardrail.severity,
        days: 2,
        level,
      }),
      topic: guardrailTopic(guardrail.id),
      scope: noticeScope([key]),
      metadata: {
        kind: 'stage-effective',
        guardrail: guardrail.id,
        environment,
        cluster: change.cluster,
        level,
        from: from.toISOString(),
        failing: failing.length,
        components: components.size,
        unowned,
        exempted,
      },
    }),
  };
}
