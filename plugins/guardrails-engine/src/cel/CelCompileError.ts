/** A CEL expression that cannot be compiled: bad syntax, a type error, or over a size limit. @public */
export class CelCompileError extends Error {
  /** The expression as given. */
  readonly expression: string;
  /** 0-based character offset of the problem, when known. */
  readonly position?: number;

  constructor(expression: string, reason: string, position?: number) {
    super(
      position === undefined ? reason : `${reason} (at position ${position})`,
    );
    this.name = 'CelCompileError';
    this.expression = expression;
    this.position = position;
  }
}
