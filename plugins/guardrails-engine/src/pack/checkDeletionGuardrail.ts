import { Guardrail } from '@guardrails-dev/plugin-guardrails-common';
import { isAdmissionOnly, isPodRule } from '../evaluation/matching';
import { usesIdentifier } from '../export/celText';
import { FieldPath } from './fieldPath';
import { FieldReader } from './fieldReader';

/** Every expression of a guardrail with the field it is written in. */
function expressionFields(
  guardrail: Guardrail,
): Array<{ path: FieldPath; expression: string }> {
  return [
    ...guardrail.variables.map((v, i) => ({
      path: ['spec', 'variables', i, 'expression'],
      expression: v.expression,
    })),
    ...guardrail.validations.flatMap((v, i) => [
      {
        path: ['spec', 'validations', i, 'expression'],
        expression: v.expression,
      },
      ...(v.messageExpression !== undefined
        ? [
            {
              path: ['spec', 'validations', i, 'messageExpression'],
              expression: v.messageExpression,
            },
          ]
        : []),
    ]),
  ];
}

/**
 * Reports what a guardrail on DELETE cannot do: it runs only at admission,
 * where the deleted object is `oldObject` (`object` is null) and no other
 * object of the namespace is visible; and a deletion has no pod template for
 * a pod rule to check. True when there is nothing to report.
 */
export function checkDeletionGuardrail(
  guardrail: Guardrail,
  reader: FieldReader,
): boolean {
  if (!isAdmissionOnly(guardrail)) {
    return true;
  }
  let ok = true;
  if (isPodRule(guardrail.match)) {
    reader.report(
      ['spec', 'match', 'resources'],
      'a DELETE guardrail cannot match Pods: pod rules check the pod templates of workloads being written, and a deletion writes none',
    );
    ok = false;
  }
  for (const { path, expression } of expressionFields(guardrail)) {
    if (usesIdentifier(expression, 'object')) {
      reader.report(
        path,
        'object is null when an object is deleted: a DELETE guardrail reads the deleted object as oldObject',
      );
      ok = false;
    }
    if (usesIdentifier(expression, 'namespaceResources')) {
      reader.report(
        path,
        'namespaceResources exists only in audits and the CLI, and a DELETE guardrail runs only at admission',
      );
      ok = false;
    }
  }
  return ok;
}
