import type { NoticeResult } from '../db/noticeResults';
import { groupBy } from './groupBy';
import { levelEffect } from './levelEffect';
import type { Notice, NoticeInput } from './Notice';
import {
  counted,
  entityName,
  guardrailExplanation,
  guardrailTopic,
  noticeScope,
  objectList,
} from './noticeText';
import { noticeSeverity } from './severity';

/** The unique key of one object's block-level violation of one guardrail. */
export function blockViolationKey(result: NoticeResult): string {
  return [
    'block-violation',
    result.cluster,
    result.guardrail,
    result.apiVersion,
    result.kind,
    result.namespace ?? '',
    result.name,
  ].join('|');
}

/**
 * New block-level violations: objects that fail a guardrail admission denies (block or auto-correct), not exempted,
 * each told once per object and guardrail. The objects of one component, guardrail and environment found in one run
 * go in one notice. Objects no component owns have nobody to tell; the platform page lists them.
 */
export function blockViolationNotices(input: NoticeInput): Notice[] {
  const guardrails = new Map(input.pack.guardrails.map(g => [g.id, g]));
  const violations = input.results.filter(
    r =>
      r.result === 'fail' &&
      (r.level === 'block' || r.level === 'auto-correct') &&
      r.entityRef !== undefined,
  );
  const groups = groupBy(
    violations,
    r => `${r.entityRef}\n${r.guardrail}\n${r.environment}\n${r.level}`,
  );
  return [...groups.values()].flatMap(objects => {
    const { entityRef, environment, level } = objects[0];
    const guardrail = guardrails.get(objects[0].guardrail);
    if (!guardrail) return [];
    const byKey = new Map(objects.map(o => [blockViolationKey(o), o]));
    return [
      {
        records: [...byKey.keys()].map(key => ({
          key,
          kind: 'block-violation' as const,
          entityRef,
          guardrail: guardrail.id,
          environment,
        })),
        recipients: [entityRef!],
        payload: claimed => {
          const told = [...byKey]
            .filter(([key]) => claimed.has(key))
            .map(([, o]) => o);
          const count = counted(told.length, 'object');
          return {
            title: `${count} of ${entityName(
              entityRef!,
            )} will be denied at the next change in ${environment}: ${
              guardrail.title
            }`,
            description: [
              `${guardrail.id} is at ${level} in ${environment}: ${
                levelEffect(level).consequence
              } these objects, which fail it.`,
              objectList(told),
              guardrailExplanation(guardrail),
            ].join('\n\n'),
            link: input.links.entityTab(entityRef!),
            severity: noticeSeverity({
              severity: guardrail.severity,
              days: 0,
              level,
            }),
            topic: guardrailTopic(guardrail.id),
            scope: noticeScope(told.map(blockViolationKey)),
            metadata: {
              kind: 'block-violation',
              guardrail: guardrail.id,
              environment,
              level,
              entityRef: entityRef!,
              objects: told.length,
            },
          };
        },
      },
    ];
  });
}
