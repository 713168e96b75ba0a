import { createHash } from 'node:crypto';
import type { Guardrail } from '@guardrails-dev/plugin-guardrails-common';
import type { NoticeResult } from '../db/noticeResults';

/** Objects named in one notice; the rest are counted. */
const LISTED_OBJECTS = 10;

/** `Deployment shop/api in cluster prod-1`. */
export function objectName(result: NoticeResult): string {
  const name = result.namespace
    ? `${result.namespace}/${result.name}`
    : result.name;
  return `${result.kind} ${name} in cluster ${result.cluster}`;
}

/** One object per line, at most ten, then how many more. */
export function objectList(results: readonly NoticeResult[]): string {
  const names = [...new Set(results.map(objectName))].sort();
  const lines = names.slice(0, LISTED_OBJECTS).map(name => `• ${name}`);
  if (names.length > LISTED_OBJECTS) {
    lines.push(`• and ${names.length - LISTED_OBJECTS} more`);
  }
  return lines.join('\n');
}

/** Why the guardrail exists and how to fix a violation, as every notice ends. */
export function guardrailExplanation(guardrail: Guardrail): string {
  return [
    `Why: ${oneLine(guardrail.rationale)}`,
    `How to fix: ${oneLine(guardrail.remediation)}`,
  ].join('\n');
}

/** `2027-02-01` for midnight UTC, else `2027-02-01 14:30 UTC`. */
export function instantText(at: Date): string {
  const iso = at.toISOString();
  const time = iso.slice(11, 16);
  return time === '00:00'
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)} ${time} UTC`;
}

/** `1 object`, `2 objects`. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function daysText(days: number): string {
  return counted(days, 'day');
}

/** The entity's name, for titles: `component:default/payments` → `payments`. */
export function entityName(entityRef: string): string {
  return entityRef.slice(entityRef.indexOf('/') + 1);
}

/** The topic users mute a guardrail's notices by. */
export function guardrailTopic(guardrailId: string): string {
  return `guardrails:${guardrailId}`;
}

/**
 * The notification's scope: the same keys give the same scope, so a notice sent again after a lost acknowledgement
 * updates the one the user has instead of adding a second (Backstage's notifications match scope and origin).
 */
export function noticeScope(keys: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const key of [...keys].sort()) hash.update(`${key}\n`);
  return `guardrails:${hash.digest('hex').slice(0, 40)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
