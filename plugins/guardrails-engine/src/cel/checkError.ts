import type { AstNode } from './instrument';

/** An expression the engine's checks after cel-js' type check reject, at `node`. */
export class CheckError extends Error {
  constructor(message: string, readonly node: AstNode) {
    super(message);
  }
}
