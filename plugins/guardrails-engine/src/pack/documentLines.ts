import { Document, isNode, LineCounter } from 'yaml';
import { FieldPath } from './fieldPath';

/**
 * Finds the line of a field in a parsed YAML document; for a missing field,
 * the line of its closest existing parent.
 */
export function lineOf(
  document: Document,
  lineCounter: LineCounter,
  path: FieldPath,
): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node =
      length === 0
        ? document.contents
        : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      return lineCounter.linePos(node.range[0]).line;
    }
  }
  return undefined;
}
