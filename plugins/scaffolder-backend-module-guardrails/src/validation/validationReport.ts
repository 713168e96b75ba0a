import {
  Guardrail,
  GuardrailResult,
  isEnforcingLevel,
  ResourceRef,
  ResultSummary,
} from '@guardrails-dev/plugin-guardrails-common';
import { rolloutStatus } from '@guardrails-dev/plugin-guardrails-engine';

/** What a report needs besides the results. */
export interface ReportContext {
  environment: string;
  at: Date;
  guardrails: ReadonlyMap<string, Guardrail>;
  /** Where each reported object came from, by {@link resourceKey}. */
  sources: ReadonlyMap<string, string>;
  /** Entity the manifests belong to, when known, for the exemption scope. */
  entityRef?: string;
  maxExemptionDays?: number;
  /** Guardrails the step enforces whatever their rollout stage. */
  enforced?: ReadonlySet<string>;
}

/** Key of a reported object: kind, namespace and name. */
export function resourceKey(resource: {
  kind: string;
  namespace?: string;
  name: string;
}): string {
  return `${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
}

/** One line for template output: `Guardrails in prod: 14 pass, 2 warn, 0 fail, 0 error, 1 skip (3 objects)`. */
export function summaryLine(
  environment: string,
  counts: ResultSummary,
  objectCount: number,
): string {
  return `Guardrails in ${environment}: ${counts.pass} pass, ${
    counts.warn
  } warn, ${counts.fail} fail, ${counts.error} error, ${
    counts.skip
  } skip (${objectCount} object${objectCount === 1 ? '' : 's'})`;
}

/** One log line for a warning, with the stage teams must prepare for. */
export function warningLine(
  result: GuardrailResult,
  context: ReportContext,
): string {
  const guardrail = context.guardrails.get(result.guardrail);
  const next = guardrail
    ? rolloutStatus(guardrail, context.environment, context.at).next
    : undefined;
  const upcoming = next
    ? ` Becomes ${next.level} in ${context.environment} on ${next.from
        .toISOString()
        .slice(0, 10)} (in ${next.daysUntil} days).`
    : '';
  return `warn ${result.guardrail} on ${describeResource(
    result.resource,
    context,
  )}: ${result.message}.${upcoming} Fix: ${
    guardrail?.remediation ?? 'see the guardrail'
  }`;
}

/**
 * The report of the results that stop the step: for each, the guardrail, the object and its file,
 * the message, why the guardrail exists, how to fix it, and how to ask for an exemption.
 */
export function blockingReport(
  blocking: GuardrailResult[],
  context: ReportContext,
): string {
  const header = `${blocking.length} guardrail violation${
    blocking.length === 1 ? '' : 's'
  } block${blocking.length === 1 ? 's' : ''} these manifests in ${
    context.environment
  } (rollout stage in force on ${context.at.toISOString().slice(0, 10)}):`;
  return [header, ...blocking.map(r => entry(r, context))].join('\n\n');
}

function entry(result: GuardrailResult, context: ReportContext): string {
  const guardrail = context.guardrails.get(result.guardrail);
  const lines = [
    `✖ ${result.guardrail}: ${result.title} [${result.severity}, ${
      result.level
    }${
      context.enforced?.has(result.guardrail) && !isEnforcingLevel(result.level)
        ? '; this step requires it at any stage'
        : ''
    }]`,
    `  resource:    ${describeResource(result.resource, context)}`,
    `  problem:     ${
      result.result === 'error'
        ? `${result.message} (an enforced guardrail that cannot be evaluated blocks)`
        : result.message
    }`,
  ];
  if (guardrail) {
    lines.push(`  why:         ${oneLine(guardrail.rationale)}`);
    lines.push(`  fix:         ${oneLine(guardrail.remediation)}`);
    if (guardrail.docsUrl) {
      lines.push(`  docs:        ${guardrail.docsUrl}`);
    }
  }
  if (result.exemption?.status === 'expired') {
    lines.push(
      `  exemption:   ${result.exemption.name} expired at ${result.exemption.expiresAt}`,
    );
  }
  lines.push(`  exemption:   ${exemptionHint(result, guardrail, context)}`);
  return lines.join('\n');
}

function exemptionHint(
  result: GuardrailResult,
  guardrail: Guardrail | undefined,
  context: ReportContext,
): string {
  const scope = context.entityRef
    ? `entity: ${context.entityRef}`
    : `namespaces: [${result.resource.namespace ?? ''}]`;
  const span = context.maxExemptionDays
    ? `, at most ${context.maxExemptionDays} days ahead`
    : '';
  return `if it cannot be fixed now, ask ${
    guardrail?.owner ?? 'the platform team'
  } to approve a GuardrailExemption { guardrails: [${
    result.guardrail
  }], scope: { ${scope}, environments: [${
    context.environment
  }] }, reason: incident | migration | vendor | false-positive, justification, owner, approvedBy, expiresAt${span} } in the platform's guardrail pack`;
}

function describeResource(
  resource: ResourceRef,
  context: ReportContext,
): string {
  const name = `${resource.kind} ${
    resource.namespace ? `${resource.namespace}/` : ''
  }${resource.name}`;
  const source = context.sources.get(resourceKey(resource));
  return source ? `${name} (${source})` : name;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
