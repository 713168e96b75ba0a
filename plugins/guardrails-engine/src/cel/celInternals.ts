/*
 * The shapes of cel-js internals the engine's macros and rewrites use:
 * checked types, the type checker, the evaluator and the per-variable
 * contexts of comprehensions (stable within the pinned cel-js version).
 */
import type { AstNode } from './instrument';

export interface CelType {
  kind: string;
  name: string;
  keyType?: CelType;
  valueType?: CelType;
  hasPlaceholderType: boolean;
  unify(registry: unknown, other: CelType): CelType | null;
  templated(registry: unknown, bindings: Map<string, CelType>): CelType;
}

export interface Checker {
  check(node: AstNode, ctx: unknown): CelType;
  getType(name: string): CelType;
  createError(code: string, message: string, node: AstNode): Error;
  registry: {
    getListType(t: CelType): CelType;
    getMapType(k: CelType, v: CelType): CelType;
    getOptionalType(t: CelType): CelType;
  };
}

export interface Evaluator {
  run(node: AstNode, ctx: unknown): unknown;
  tryEval(node: AstNode, ctx: unknown): unknown;
}

/** A context adding one variable (cel-js' OverlayContext). */
export interface Overlay {
  reuse(parent: unknown): Overlay;
  setIterValue(value: unknown, ev: unknown): Overlay;
  forkWithVariable(name: string, type: unknown): Overlay;
}
