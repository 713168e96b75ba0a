import { Document, isNode, isScalar, LineCounter, Scalar } from 'yaml';
import { FieldPath } from './fieldPath';

const BLOCK_SCALARS: ReadonlyArray<Scalar['type']> = [
  Scalar.BLOCK_LITERAL,
  Scalar.BLOCK_FOLDED,
];

/**
 * Finds the line of a field in a parsed YAML document; for a missing field,
 * the line of its closest existing parent. `lineInValue` (one-based) moves
 * to that line of a multi-line string: a block scalar's text starts on the
 * line after its `|` or `>`.
 */
export function lineOf(
  document: Document,
  lineCounter: LineCounter,
  path: FieldPath,
  lineInValue?: number,
): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node =
      length === 0
        ? document.contents
        : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      const line = lineCounter.linePos(node.range[0]).line;
      if (!lineInValue || length < path.length || !isScalar(node)) return line;
      const block = BLOCK_SCALARS.includes(node.type);
      return line + lineInValue - (block ? 0 : 1);
    }
  }
  return undefined;
}
