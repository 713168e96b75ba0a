/*
 * Compile-time checks of string.format() calls whose format is a constant and
 * whose arguments are a list literal, as cel-go's strings extension makes
 * them in Kubernetes: clause syntax, argument count and, where an argument's
 * type is known, whether the clause accepts it.
 */
import { CheckError } from '../checkError';
import type { AstNode } from '../instrument';
import { FormatError, parseFormat } from './stringFormat';

const ACCEPTS: Record<string, [string[], string]> = {
  d: [['int', 'uint'], 'decimal clause can only be used on integers'],
  f: [['double', 'string'], 'fixed-point clause can only be used on doubles'],
  e: [['double', 'string'], 'scientific clause can only be used on doubles'],
  b: [
    ['int', 'uint', 'bool'],
    'only integers and bools can be formatted as binary',
  ],
  x: [
    ['int', 'uint', 'string', 'bytes'],
    'only integers, byte buffers, and strings can be formatted as hex',
  ],
  X: [
    ['int', 'uint', 'string', 'bytes'],
    'only integers, byte buffers, and strings can be formatted as hex',
  ],
  o: [['int', 'uint'], 'octal clause can only be used on integers'],
};

function checkCall(node: AstNode): void {
  const [name, receiver, args] = node.args as [string, AstNode, AstNode[]];
  if (name !== 'format' || args.length !== 1) return;
  if (receiver.op !== 'value' || typeof receiver.args !== 'string') return;
  if (args[0].op !== 'list') return;
  const elements = args[0].args as AstNode[];
  let clauses;
  try {
    clauses = parseFormat(receiver.args).filter(p => typeof p !== 'string');
  } catch (error) {
    if (error instanceof FormatError)
      throw new CheckError(error.message, receiver);
    throw error;
  }
  if (clauses.length > elements.length) {
    throw new CheckError(`index ${elements.length} out of range`, args[0]);
  }
  if (clauses.length < elements.length) {
    throw new CheckError(
      `too many arguments supplied to string.format (expected ${clauses.length}, got ${elements.length})`,
      args[0],
    );
  }
  clauses.forEach((clause, i) => {
    const accepted =
      typeof clause === 'string' ? undefined : ACCEPTS[clause.verb];
    const type = elements[i].checkedType;
    if (!accepted || !type || type.hasDynType) return;
    if (!accepted[0].includes(type.name)) {
      throw new CheckError(
        `error during formatting: ${accepted[1]}`,
        elements[i],
      );
    }
  });
}

/** Throws CheckError for the first format() call Kubernetes would reject at compile time. */
export function checkFormatCalls(nodes: Iterable<AstNode>): void {
  for (const node of nodes) if (node.op === 'rcall') checkCall(node);
}
