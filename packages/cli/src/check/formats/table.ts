import {
  GUARDRAIL_SEVERITIES,
  GuardrailResult,
  ResultStatus,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  hasBlocking,
  summarize,
} from '@guardrails-dev/plugin-guardrails-engine';
import { formatInstant } from '../../options';
import { CheckRun } from '../runCheck';

/** Worst first: what blocks, what could not be checked, what warns, what is exempted, what passes. */
const RESULT_ORDER: readonly ResultStatus[] = [
  'fail',
  'error',
  'warn',
  'skip',
  'pass',
];

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function resourceHeading(run: CheckRun, result: GuardrailResult): string {
  const { kind, namespace, name } = result.resource;
  const where = run.locate(result.resource);
  const file = where
    ? ` (${where.file === '-' ? '<stdin>' : where.file}${
        where.line !== undefined ? `:${where.line}` : ''
      })`
    : '';
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}${file}`;
}

function byWorst(a: GuardrailResult, b: GuardrailResult): number {
  return (
    RESULT_ORDER.indexOf(a.result) - RESULT_ORDER.indexOf(b.result) ||
    GUARDRAIL_SEVERITIES.indexOf(a.severity) -
      GUARDRAIL_SEVERITIES.indexOf(b.severity) ||
    a.guardrail.localeCompare(b.guardrail)
  );
}

/** The one-line summary closing the table. */
export function summaryLine(run: CheckRun): string {
  const summary = summarize(run.results);
  const counts = RESULT_ORDER.map(
    status => `${summary[status]} ${status}`,
  ).join(', ');
  const objects = `${run.manifests.length} object${
    run.manifests.length === 1 ? '' : 's'
  }`;
  const blocking = run.results.filter(r => hasBlocking([r])).length;
  const verdict = run.blocking
    ? `BLOCKED by ${blocking} result${blocking === 1 ? '' : 's'} at block`
    : 'nothing blocks';
  return `${counts} (${objects}, ${run.environment} at ${formatInstant(
    run.at,
  )}): ${verdict}`;
}

/**
 * A readable table for people: results grouped by object, objects with the
 * worst results first, then a one-line summary. Passes only when asked.
 */
export function formatTable(
  run: CheckRun,
  options: { showPassing: boolean },
): string {
  const shown = run.results.filter(
    r => options.showPassing || r.result !== 'pass',
  );
  const groups = new Map<
    string,
    { heading: string; first: number; results: GuardrailResult[] }
  >();
  shown.forEach((result, index) => {
    const heading = resourceHeading(run, result);
    const group = groups.get(heading) ?? { heading, first: index, results: [] };
    group.results.push(result);
    groups.set(heading, group);
  });
  const ordered = [...groups.values()]
    .map(group => ({ ...group, results: group.results.sort(byWorst) }))
    .sort((a, b) => byWorst(a.results[0], b.results[0]) || a.first - b.first);

  const rows = ordered.flatMap(group =>
    group.results.map(r => [
      r.result.toUpperCase(),
      r.level,
      r.severity,
      r.guardrail,
    ]),
  );
  const widths = [0, 1, 2, 3].map(column =>
    Math.max(0, ...rows.map(row => row[column].length)),
  );
  const lines: string[] = [];
  let row = 0;
  for (const group of ordered) {
    lines.push(group.heading);
    for (const result of group.results) {
      const cells = rows[row++].map((cell, column) =>
        cell.padEnd(widths[column]),
      );
      lines.push(`  ${cells.join('  ')}  ${oneLine(result.message)}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(run));
  return `${lines.join('\n')}\n`;
}
