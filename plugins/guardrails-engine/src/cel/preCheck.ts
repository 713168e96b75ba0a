/*
 * Changes to a parsed expression made before cel-js type-checks it, where
 * cel-js' own handling differs from Kubernetes'.
 */
import type { CelType, Checker } from './celInternals';
import { replaceHasMacro } from './hasMacro';
import { AstNode, forEachNode } from './instrument';
import { evaluateMapLiteral } from './mapLiteral';
import { OptionalMarks, markOptionalLiteral } from './optionalLiterals';

type CheckFn = (chk: Checker, ast: AstNode, ctx: unknown) => CelType;

const ACCESS = new Set(['.', '.?', '[]', '[?]']);

/**
 * A call whose result type keeps an unbound parameter (optional.none() is
 * optional<T>) and is then selected or indexed is typed with dyn in its
 * place; cel-js would reject the selection.
 */
function bindParameters(node: AstNode): void {
  const check = (node.meta as unknown as { check: CheckFn }).check;
  node.setMeta('check', (chk: Checker, ast: AstNode, ctx: unknown) => {
    const type = check(chk, ast, ctx);
    if (!type.hasPlaceholderType) return type;
    const dyn = chk.getType('dyn');
    const bindings = new Map(['A', 'B', 'K', 'T', 'V'].map(p => [p, dyn]));
    return type.templated(chk.registry, bindings);
  });
}

function isHasCall(node: AstNode): boolean {
  if (node.op !== 'call' || !node.meta.macro) return false;
  const [name, args] = node.args as [string, AstNode[]];
  return name === 'has' && args.length === 1;
}

/** An empty literal written in the expression (macros create empty lists of their own, typed by use). */
function isEmptyLiteral(node: AstNode, op: string, text: RegExp): boolean {
  return (
    node.op === op &&
    (node.args as unknown[]).length === 0 &&
    text.test(node.input.slice(node.start, node.end))
  );
}

/** Rewrites the parsed AST in place; runs once per expression, before check(). */
export function preCheck(root: AstNode, marks: OptionalMarks): void {
  forEachNode(root, node => {
    if (isHasCall(node)) replaceHasMacro(node);
    if (ACCESS.has(node.op)) {
      const [operand] = node.args as [AstNode];
      const call = operand.op === 'call' || operand.op === 'rcall';
      if (call && !operand.meta.macro) bindParameters(operand);
    }
    if (node.op === 'map') node.setMeta('evaluate', evaluateMapLiteral);
    if (marks.size) markOptionalLiteral(node, marks);
    // cel-js types [] as list<T> and {} as map<K, V>; an unbound parameter
    // then breaks overload choice ([].all(e, e > 0)) and selection.
    if (isEmptyLiteral(node, 'list', /^\[\s*\]$/)) {
      node.setMeta('check', (chk: Checker) => chk.getType('list'));
    }
    if (isEmptyLiteral(node, 'map', /^\{\s*\}$/)) {
      node.setMeta('check', (chk: Checker) => chk.getType('map'));
    }
  });
}
