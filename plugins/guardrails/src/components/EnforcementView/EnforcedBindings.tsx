import { TableBody, TableCell, TableHead, TableRow } from '@material-ui/core';
import type { ApiEnforcedBinding } from '@guardrails-dev/plugin-guardrails-common';
import { GuardrailId } from '../GuardrailId';
import { LevelChip } from '../LevelChip';
import { ReadableTable } from '../ReadableTable';
import { formatActions } from './enforcementState';

/** The bindings the suite last applied to a cluster: guardrail, level, validation actions, policy and binding. */
export function EnforcedBindings(props: {
  cluster: string;
  bindings: ApiEnforcedBinding[];
}) {
  const { cluster, bindings } = props;
  if (bindings.length === 0) {
    return <>No binding of the suite is in force in {cluster}.</>;
  }
  return (
    <ReadableTable size="small" aria-label={`Enforced now in ${cluster}`}>
      <TableHead>
        <TableRow>
          <TableCell>Guardrail</TableCell>
          <TableCell>Environment</TableCell>
          <TableCell>Level</TableCell>
          <TableCell>Actions</TableCell>
          <TableCell>Policy</TableCell>
          <TableCell>Binding</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {bindings.map(b => (
          <TableRow key={b.binding}>
            <TableCell>
              <GuardrailId id={b.guardrail} />
            </TableCell>
            <TableCell>{b.environment}</TableCell>
            <TableCell>
              {b.level ? <LevelChip level={b.level} /> : '—'}
            </TableCell>
            <TableCell>
              {formatActions(b.actions)}
              {b.paused ? ' (paused)' : ''}
            </TableCell>
            <TableCell>
              <GuardrailId id={b.policy} />
            </TableCell>
            <TableCell>
              <GuardrailId id={b.binding} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ReadableTable>
  );
}
