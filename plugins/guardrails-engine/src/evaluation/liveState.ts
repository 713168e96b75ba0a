import { Guardrail } from '@guardrails-dev/plugin-guardrails-common';
import { selectsRootField } from '../export/celText';

/**
 * Whether a guardrail reads `object.status`, which only controllers of a cluster
 * report: such a guardrail applies to live objects only, not to manifests (or
 * to writes at admission, which do not set the status).
 * @public
 */
export function readsObjectStatus(guardrail: Guardrail): boolean {
  const expressions = [
    ...guardrail.variables.map(v => v.expression),
    ...guardrail.validations.flatMap(v =>
      v.messageExpression !== undefined
        ? [v.expression, v.messageExpression]
        : [v.expression],
    ),
  ];
  return expressions.some(e => selectsRootField(e, 'object', 'status'));
}
