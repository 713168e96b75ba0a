import {
  ENFORCEMENT_LEVELS,
  EnforcementLevel,
  Exemption,
  Guardrail,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  effectiveLevel,
  parseInstant,
} from '@guardrails-dev/plugin-guardrails-engine';
import type { NoticeResult } from '../db/noticeResults';
import { groupBy } from './groupBy';
import { addDays, daysUntil, dueHorizon } from './horizons';
import type { Notice, NoticeInput } from './Notice';
import {
  daysText,
  guardrailExplanation,
  guardrailTopic,
  instantText,
  noticeScope,
  objectList,
} from './noticeText';
import { mostSevere, noticeSeverity } from './severity';

/** How long after its expiry an expired exemption is still told about: not every old one on a first start. */
export const EXPIRED_NOTICE_DAYS = 7;

/**
 * Exemptions expiring within each horizon (14 and 3 days by default) and expired ones, to the exemption's owner and
 * the components it covers (its entity, else the owners of the objects it exempts). Extending an exemption changes
 * its date and so its keys: the old date's notices are never due again. Nothing when its guardrails only observe
 * where it applies.
 */
export function exemptionExpiryNotices(input: NoticeInput): Notice[] {
  const { now } = input;
  const guardrails = new Map(input.pack.guardrails.map(g => [g.id, g]));
  const exempted = groupBy(
    input.results.filter(r => r.exemption !== undefined),
    r => r.exemption!,
  );
  return input.pack.exemptions.flatMap(exemption => {
    const expires = parseInstant(exemption.expiresAt);
    if (!expires) return [];
    const expired = now.getTime() >= expires.getTime();
    const horizon = expired
      ? undefined
      : dueHorizon(expires, now, input.config.exemptionExpiry.horizons);
    if (!expired && horizon === undefined) return [];
    if (expired && now >= addDays(expires, EXPIRED_NOTICE_DAYS)) return [];
    const covered = exemption.guardrails.flatMap(id => {
      const guardrail = guardrails.get(id);
      return guardrail ? [guardrail] : [];
    });
    const level = strictestLevel(covered, exemption, expired ? now : expires);
    if (!level || level === 'observe') return [];
    return [
      notice(input, {
        exemption,
        expires,
        horizon,
        covered,
        level,
        objects: exempted.get(exemption.name) ?? [],
      }),
    ];
  });
}

interface Expiry {
  exemption: Exemption;
  expires: Date;
  /** Undefined once expired. */
  horizon?: number;
  covered: Guardrail[];
  level: EnforcementLevel;
  objects: NoticeResult[];
}

function notice(input: NoticeInput, expiry: Expiry): Notice {
  const { exemption, expires, horizon, covered, level, objects } = expiry;
  const key = [
    'exemption-expiry',
    exemption.name,
    expires.toISOString(),
    horizon === undefined ? 'expired' : `${horizon}d`,
  ].join('|');
  const entity = exemption.scope.entity
    ? normalizeEntityRef(exemption.scope.entity)
    : undefined;
  const components = entity
    ? [entity]
    : [...new Set(objects.flatMap(o => (o.entityRef ? [o.entityRef] : [])))];
  const owner = normalizeEntityRef(exemption.owner);
  const days = daysUntil(expires, input.now);
  const environments = exemption.scope.environments;
  const single = <T>(items: readonly T[] | undefined) =>
    items?.length === 1 ? items[0] : undefined;
  const when =
    horizon === undefined
      ? `expired on ${instantText(expires)}`
      : `expires on ${instantText(expires)} (in ${daysText(days)})`;
  const exposed =
    objects.length > 0
      ? `${
          horizon === undefined
            ? 'These objects are'
            : 'Then these objects will be'
        } held to ${level} again:\n${objectList(objects)}`
      : undefined;
  return {
    records: [
      {
        key,
        kind: 'exemption-expiry',
        ...(single(components) ? { entityRef: single(components) } : {}),
        ...(single(covered) ? { guardrail: single(covered)!.id } : {}),
        ...(single(environments) ? { environment: single(environments) } : {}),
        dueUntil:
          horizon === undefined
            ? addDays(expires, EXPIRED_NOTICE_DAYS)
            : expires,
      },
    ],
    recipients: [...new Set([...(owner ? [owner] : []), ...components])],
    payload: () => ({
      title:
        horizon === undefined
          ? `Exemption ${exemption.name} has expired`
          : `Exemption ${exemption.name} expires in ${daysText(days)}`,
      description: [
        `Exemption ${exemption.name} (${exemption.reason}: ${
          exemption.justification
        }) ${when}. It covers ${covered.map(g => g.id).join(', ')}${
          environments ? ` in ${environments.join(', ')}` : ''
        }. Extend it in the pack, or fix what it exempts.`,
        ...(exposed ? [exposed] : []),
        ...covered.map(g => `${g.id} — ${g.title}\n${guardrailExplanation(g)}`),
      ].join('\n\n'),
      link:
        components.length === 1
          ? input.links.entityTab(components[0])
          : input.links.exemptions(),
      severity: noticeSeverity({
        severity: mostSevere(covered.map(g => g.severity)),
        days,
        level,
      }),
      topic:
        covered.length === 1
          ? guardrailTopic(covered[0].id)
          : 'guardrails:exemptions',
      scope: noticeScope([key]),
      metadata: {
        kind: 'exemption-expiry',
        exemption: exemption.name,
        expiresAt: expires.toISOString(),
        ...(horizon !== undefined ? { horizon } : {}),
        guardrails: covered.map(g => g.id),
        objects: objects.length,
      },
    }),
  };
}

/** The strictest level the exemption's guardrails have where it applies, at an instant. */
function strictestLevel(
  guardrails: Guardrail[],
  exemption: Exemption,
  at: Date,
): EnforcementLevel | undefined {
  let strictest: EnforcementLevel | undefined;
  for (const guardrail of guardrails) {
    const environments =
      exemption.scope.environments ?? Object.keys(guardrail.rollout);
    for (const environment of environments) {
      const level = effectiveLevel(guardrail, environment, at);
      if (
        level &&
        (!strictest ||
          ENFORCEMENT_LEVELS.indexOf(level) >
            ENFORCEMENT_LEVELS.indexOf(strictest))
      ) {
        strictest = level;
      }
    }
  }
  return strictest;
}
