/*
 * Kubernetes rejects list and map literals whose elements (or keys, or
 * values) have different types, such as [1, 'a'] (cel-go's
 * ValidateHomogeneousAggregateLiterals). cel-js, configured to accept mixed
 * literals as cel-go's checker does, would let them load here and fail in
 * the cluster. Elements typed dyn (object fields) are accepted: Kubernetes
 * types those from the schema, which the engine does not have.
 */
import { CheckError } from './checkError';
import { AstNode, children } from './instrument';
import { optionalIndices } from './optionalLiterals';

type CheckedType = NonNullable<AstNode['checkedType']> & {
  valueType?: CheckedType;
  keyType?: CheckedType;
};

function compatible(a?: CheckedType, b?: CheckedType): boolean {
  if (!a || !b || a === b) return true;
  if (a.kind === 'dyn' || b.kind === 'dyn') return true;
  // Unbound parameters (the element type of []) match anything.
  if (a.kind === 'param' || b.kind === 'param') return true;
  if (a.kind !== b.kind) return false;
  if (
    a.hasPlaceholderType ||
    b.hasPlaceholderType ||
    a.hasDynType ||
    b.hasDynType
  ) {
    return (
      compatible(a.valueType, b.valueType) && compatible(a.keyType, b.keyType)
    );
  }
  return a.name === b.name;
}

function typeOf(node: AstNode): CheckedType | undefined {
  return node.checkedType as CheckedType | undefined;
}

/** The element type an optional element ([?x], {?k: x}) contributes. */
function unwrap(type: CheckedType | undefined): CheckedType | undefined {
  return type?.kind === 'optional' ? type.valueType : type;
}

function checkAll(nodes: AstNode[], optional?: Set<number>): void {
  const types = nodes.map((n, i) =>
    optional?.has(i) ? unwrap(typeOf(n)) : typeOf(n),
  );
  const first = types.find(t => t && t.kind !== 'dyn');
  for (const [i, node] of nodes.entries()) {
    const type = types[i];
    if (first && type && !compatible(first, type)) {
      throw new CheckError(
        `expected type '${first.name}' but found '${type.name}'`,
        node,
      );
    }
  }
}

function isFormatCall(node: AstNode): boolean {
  return node.op === 'rcall' && (node.args as [string])[0] === 'format';
}

/** Throws CheckError for the first mixed literal in a checked AST; returns the nodes it saw. */
export function checkHomogeneousLiterals(root: AstNode): Set<AstNode> {
  // Arguments of string format() are exempt, as in Kubernetes.
  const stack: Array<[AstNode, boolean]> = [[root, false]];
  const seen = new Set<AstNode>();
  while (stack.length) {
    const [node, exempt] = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (!exempt && node.op === 'list') {
      checkAll(node.args as AstNode[], optionalIndices(node));
    }
    if (!exempt && node.op === 'map') {
      const entries = node.args as Array<[AstNode, AstNode]>;
      checkAll(entries.map(([key]) => key));
      checkAll(
        entries.map(([, value]) => value),
        optionalIndices(node),
      );
    }
    const below = exempt || isFormatCall(node);
    for (const child of children(node)) stack.push([child, below]);
  }
  return seen;
}
