import { TableCell } from '@material-ui/core';
import type { ApiEnforcementChange } from '@guardrails-dev/plugin-guardrails-common';
import { GuardrailId } from '../GuardrailId';
import { formatActions } from './enforcementState';

const KIND_LABELS: Record<string, string> = {
  ValidatingAdmissionPolicy: 'Policy',
  ValidatingAdmissionPolicyBinding: 'Binding',
};

/** `Warn, Audit → Deny`; `—` for an object without actions (a policy). */
export function actionsChange(change: ApiEnforcementChange): string {
  if (!change.oldActions && !change.newActions) {
    return '—';
  }
  return `${formatActions(change.oldActions)} → ${formatActions(
    change.newActions,
  )}`;
}

/** The column titles of {@link ChangeCells}. */
export const CHANGE_COLUMNS = [
  'Change',
  'Object',
  'Guardrail',
  'Environment',
  'Actions (old → new)',
];

/** One admission object's change as table cells: what, which object, for which guardrail, actions before → after. */
export function ChangeCells(props: { change: ApiEnforcementChange }) {
  const { change } = props;
  return (
    <>
      <TableCell>{change.change}</TableCell>
      <TableCell>
        {KIND_LABELS[change.kind] ?? change.kind}
        <GuardrailId id={change.name} />
      </TableCell>
      <TableCell>{change.guardrail ?? '—'}</TableCell>
      <TableCell>{change.environment ?? 'all'}</TableCell>
      <TableCell>{actionsChange(change)}</TableCell>
    </>
  );
}
