/*
 * Calls cel-js accepts through the engine's dyn overloads (meant for values
 * from objects, whose whole numbers arrive as ints where the schema says
 * double) but Kubernetes' checker rejects because both types are known at
 * compile time: [1, 2].indexOf('a'), sets.contains([1], ['a']).
 */
import { CheckError } from './checkError';
import type { AstNode } from './instrument';

type Type = NonNullable<AstNode['checkedType']> & { valueType?: Type };

const ELEMENT_ARGUMENT = new Set(['indexOf', 'lastIndexOf']);
const SET_FUNCTIONS = new Set(['contains', 'equivalent', 'intersects']);

/** Whether two types known at compile time differ. */
function differ(a?: Type, b?: Type): boolean {
  if (!a || !b || a.hasDynType || b.hasDynType) return false;
  if (a.kind === 'param' || b.kind === 'param') return false;
  return a.name !== b.name;
}

function elementOf(type?: Type): Type | undefined {
  return type?.kind === 'list' ? type.valueType : undefined;
}

function check(node: AstNode): void {
  const [name, receiver, args] = node.args as [string, AstNode, AstNode[]];
  const types = args.map(a => a.checkedType as Type | undefined);
  const receiverType = receiver.checkedType as Type | undefined;
  const elementCall = ELEMENT_ARGUMENT.has(name) && args.length === 1;
  const setCall =
    SET_FUNCTIONS.has(name) &&
    args.length === 2 &&
    receiver.op === 'id' &&
    receiver.args === 'sets';
  if (
    (elementCall && differ(elementOf(receiverType), types[0])) ||
    (setCall && differ(elementOf(types[0]), elementOf(types[1])))
  ) {
    const shown = types.map(t => t?.name).join(', ');
    throw new CheckError(
      `found no matching overload for '${name}(${shown})'`,
      node,
    );
  }
}

/** Throws CheckError for the first such call. */
export function checkStaticOverloads(nodes: Iterable<AstNode>): void {
  for (const node of nodes) if (node.op === 'rcall') check(node);
}
