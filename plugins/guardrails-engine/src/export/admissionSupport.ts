import { readsObjectStatus } from '../evaluation/liveState';
import { isPodRule, matchesKind } from '../evaluation/matching';
import { POD_TEMPLATE_PATHS } from '../evaluation/podTemplates';
import { Guardrail } from '@guardrails-dev/plugin-guardrails-common';
import { bindsLoopVariable, usesIdentifier } from './celText';
import { kindsWithoutResourceNames } from './resourceNames';

/** Every CEL expression of a guardrail. */
export function expressionsOf(guardrail: Guardrail): string[] {
  return [
    ...guardrail.variables.map(v => v.expression),
    ...guardrail.validations.flatMap(v =>
      v.messageExpression !== undefined
        ? [v.expression, v.messageExpression]
        : [v.expression],
    ),
  ];
}

/**
 * Reasons a guardrail cannot run in admission exactly as it runs offline;
 * empty when it can be exported.
 */
export function admissionBlockers(
  guardrail: Guardrail,
  resourceNames: Readonly<Record<string, string>>,
): string[] {
  const reasons: string[] = [];
  const expressions = expressionsOf(guardrail);
  const podRule = isPodRule(guardrail.match);
  if (expressions.some(e => usesIdentifier(e, 'namespaceResources'))) {
    reasons.push(
      'reads other objects of the namespace (namespaceResources), which admission does not see',
    );
  }
  if (readsObjectStatus(guardrail)) {
    // Writes of an object do not set its status: the API server drops it on create and keeps the stored one on
    // update, so at admission a status check would judge what controllers reported before the request.
    reasons.push(
      'reads object.status, which controllers report after admission (audit only)',
    );
  }
  if (podRule && expressions.some(e => usesIdentifier(e, 'oldObject'))) {
    reasons.push(
      'a pod rule reading oldObject cannot be rewritten for pod templates',
    );
  }
  if (
    expressions.some(e =>
      bindsLoopVariable(e, ['object', 'params', 'oldObject']),
    )
  ) {
    reasons.push('a macro loop variable is named object, oldObject or params');
  }
  if (podRule) {
    const explicit = Object.keys(POD_TEMPLATE_PATHS)
      .map(key => key.split('/'))
      .filter(
        ([group, kind]) =>
          matchesKind(guardrail.match, group, kind) && kind !== '*',
      )
      .map(([, kind]) => kind);
    if (explicit.length > 0) {
      reasons.push(
        `matches Pods and also names workload kinds (${explicit.join(
          ', ',
        )}), whose own fields would then be checked as pods`,
      );
    }
  }
  const unknownKinds = kindsWithoutResourceNames(guardrail, resourceNames);
  if (unknownKinds.length > 0) {
    const names = unknownKinds.map(({ group, kind }) =>
      group === '' || group === '*' ? kind : `${kind}.${group}`,
    );
    reasons.push(
      `no resource name known for kind ${names.join(
        ', ',
      )} (pass resourceNames, e.g. ${names[0]}=<plural>)`,
    );
  }
  return reasons;
}
