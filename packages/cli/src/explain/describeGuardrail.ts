import {
  Exemption,
  Guardrail,
  LabelSelector,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  isAdmissionOnly,
  isExemptionExpired,
  parseInstant,
  POD_TEMPLATE_PATHS,
  rolloutStatus,
} from '@guardrails-dev/plugin-guardrails-engine';
import { formatInstant } from '../options';
import { displayPath } from '../packs/problems';

const WIDTH = 80;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The example as written, indented (YAML must not be re-wrapped). */
function example(text: string): string[] {
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .map(line => (line ? `  ${line}` : ''));
}

/** Wraps each line of `text` to the width, indented; blank lines are kept. */
export function wrap(text: string, indent = '  ', width = WIDTH): string[] {
  return text
    .trim()
    .split('\n')
    .flatMap(line => {
      const words = line.trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) return [''];
      const lines: string[] = [];
      let current = indent;
      for (const word of words) {
        if (current.trim() && current.length + 1 + word.length > width) {
          lines.push(current);
          current = indent;
        }
        current += current.trim() ? ` ${word}` : word;
      }
      lines.push(current);
      return lines;
    });
}

function days(count: number): string {
  return `${count} day${count === 1 ? '' : 's'}`;
}

function describeSelector(selector: LabelSelector): string {
  const labels = Object.entries(selector.matchLabels ?? {}).map(
    ([k, v]) => `${k}=${v}`,
  );
  const expressions = (selector.matchExpressions ?? []).map(e =>
    e.values && e.values.length > 0
      ? `${e.key} ${e.operator} (${e.values.join(', ')})`
      : `${e.key} ${e.operator}`,
  );
  return [...labels, ...expressions].join(', ') || 'everything';
}

function appliesTo(guardrail: Guardrail): string {
  const kinds = guardrail.match.resources.flatMap(rule =>
    rule.kinds.map(kind => {
      const groups = rule.apiGroups.map(g => (g === '' ? 'core' : g)).join('|');
      return `${kind} (${groups})`;
    }),
  );
  const podRule = guardrail.match.resources.some(
    rule =>
      (rule.apiGroups.includes('') || rule.apiGroups.includes('*')) &&
      (rule.kinds.includes('Pod') || rule.kinds.includes('*')),
  );
  const workloads = Object.keys(POD_TEMPLATE_PATHS).map(
    key => key.split('/')[1],
  );
  return podRule
    ? `${kinds.join(', ')}, and the pod templates of ${workloads.join(
        ', ',
      )} (reported on the workload)`
    : kinds.join(', ');
}

/** What a guardrail checks when, if not every write at admission and every object in audits. */
function checks(guardrail: Guardrail): string | undefined {
  if (isAdmissionOnly(guardrail)) {
    return 'deletions, at admission only: audits and `guardrails check` give it no results';
  }
  const operations = guardrail.match.operations;
  return operations && operations.length < 2
    ? `${operations.join(', ')} at admission; every object in audits and checks`
    : undefined;
}

/**
 * Where a guardrail stands in one environment: the level now and every
 * stage still to come, e.g. `warn now; block from 2027-02-01 (71 days)`.
 */
export function rolloutLine(
  guardrail: Guardrail,
  environment: string,
  at: Date,
): string {
  const stages = Object.prototype.hasOwnProperty.call(
    guardrail.rollout,
    environment,
  )
    ? guardrail.rollout[environment]
    : [];
  if (stages.length === 0) {
    return 'not in force (no rollout plan)';
  }
  const status = rolloutStatus(guardrail, environment, at);
  const now = status.level ? `${status.level} now` : 'not in force yet';
  const upcoming = stages.flatMap(stage => {
    const from =
      stage.from !== undefined ? parseInstant(stage.from) : undefined;
    return from && from.getTime() > at.getTime()
      ? [
          `${stage.level} from ${formatInstant(from)} (${days(
            Math.ceil((from.getTime() - at.getTime()) / DAY_MS),
          )})`,
        ]
      : [];
  });
  return upcoming.length === 0 ? now : `${now}; ${upcoming.join(', then ')}`;
}

function exemptionLine(exemption: Exemption, at: Date): string {
  const scope = exemption.scope;
  const where = [
    scope.entity,
    scope.namespaces && `namespaces ${scope.namespaces.join(', ')}`,
    scope.resources &&
      `resources ${scope.resources
        .map(r => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`)
        .join(', ')}`,
    scope.environments && `in ${scope.environments.join(', ')}`,
  ]
    .filter(Boolean)
    .join(' ');
  const state = isExemptionExpired(exemption, at) ? 'expired' : 'active';
  return `${exemption.name} (${exemption.reason}, ${state} until ${exemption.expiresAt}): ${where}`;
}

/** The text of `guardrails explain`. */
export function describeGuardrail(options: {
  guardrail: Guardrail;
  environments: readonly string[];
  exemptions: readonly Exemption[];
  at: Date;
  cwd: string;
}): string {
  const { guardrail: g, at } = options;
  const facts: Array<[string, string | undefined]> = [
    ['Category', g.category],
    ['Severity', g.severity],
    ['Owner', g.owner],
    ['Applies to', appliesTo(g)],
    ['Checks', checks(g)],
    [
      'Namespaces',
      g.match.namespaceSelector && describeSelector(g.match.namespaceSelector),
    ],
    [
      'Objects',
      g.match.objectSelector && describeSelector(g.match.objectSelector),
    ],
    ['Docs', g.docsUrl],
    [
      'Defined in',
      g.location &&
        `${displayPath(g.location.file, options.cwd)} (document ${
          g.location.documentIndex + 1
        })`,
    ],
  ];
  const label = Math.max(...facts.map(([name]) => name.length));
  const envWidth = Math.max(...options.environments.map(e => e.length)) + 1;
  const exemptions = options.exemptions.filter(e =>
    e.guardrails.includes(g.id),
  );
  const lines = [
    `${g.id}: ${g.title}`,
    '',
    ...facts.flatMap(([name, value]) =>
      value ? [`  ${name.padEnd(label)}  ${value}`] : [],
    ),
    '',
    'Why',
    ...wrap(g.rationale),
    '',
    'How to fix',
    ...wrap(g.remediation),
    ...(g.remediationExample
      ? ['', 'Example', ...example(g.remediationExample)]
      : []),
    '',
    `Rollout as of ${formatInstant(at)}`,
    ...options.environments.map(
      env => `  ${`${env}:`.padEnd(envWidth)} ${rolloutLine(g, env, at)}`,
    ),
    ...(exemptions.length > 0
      ? ['', 'Exemptions', ...exemptions.map(e => `  ${exemptionLine(e, at)}`)]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}
