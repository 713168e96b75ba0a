import { CelCompileError, compileCel } from './index';

function compileError(
  expression: string,
  options?: Parameters<typeof compileCel>[1],
) {
  try {
    compileCel(expression, options);
  } catch (error) {
    expect(error).toBeInstanceOf(CelCompileError);
    return error as CelCompileError;
  }
  throw new Error(`expected '${expression}' not to compile`);
}

describe('compileCel', () => {
  it('compiles an expression over the default Kubernetes variables', () => {
    const program = compileCel(
      'object.spec.replicas >= 2 && oldObject == null && namespaceObject.metadata.name != "" && has(params.x) && variables.a == request.b',
    );
    expect(program.expression).toContain('object.spec.replicas');
    expect(program.resultType).toBe('bool');
  });

  it('reports the inferred result type', () => {
    expect(compileCel('"a" + "b"').resultType).toBe('string');
    expect(compileCel('object.metadata.name').resultType).toBe('dyn');
    expect(compileCel('[1, 2].map(x, x * 2)').resultType).toBe('list<int>');
  });

  it('reports a syntax error with the expression and the position', () => {
    const error = compileError('object.spec.replicas >= ');
    expect(error.expression).toBe('object.spec.replicas >= ');
    expect(error.position).toBe(24);
    expect(error.message).toMatch(/Unexpected token/);
    expect(error.message).toMatch(/position 24/);
  });

  it('reports an unclosed call at the end of the input', () => {
    const expression = 'object.spec.containers.all(c, c.name == "x"';
    expect(compileError(expression).position).toBe(expression.length);
  });

  it('rejects unknown variables at their position', () => {
    const error = compileError('object.x == 1 && self.y == 2');
    expect(error.message).toMatch(/Unknown variable: self/);
    expect(error.position).toBe(17);
  });

  it('accepts the variables it is given instead of the defaults', () => {
    expect(compileCel('self.y == 2', { variables: ['self'] }).resultType).toBe(
      'bool',
    );
    expect(
      compileError('object.y == 2', { variables: ['self'] }).message,
    ).toMatch(/Unknown variable: object/);
  });

  it('rejects type errors', () => {
    expect(compileError('1 + "a"').message).toMatch(
      /no such overload: int \+ string/,
    );
    expect(
      compileError('object.metadata.name.noSuchFunction()').message,
    ).toMatch(/found no matching overload/);
    expect(compileError('quantity(1)').message).toMatch(
      /found no matching overload/,
    );
  });

  it('rejects an expression longer than the limit', () => {
    const long = `object.metadata.name == "${'x'.repeat(5000)}"`;
    const error = compileError(long);
    expect(error.message).toMatch(/5026 characters long; the limit is 5000/);
    expect(error.position).toBe(5000);
    expect(compileCel(long, { maxExpressionLength: 6000 }).resultType).toBe(
      'bool',
    );
  });

  it('rejects nesting deeper than the limit', () => {
    const deep = `${'['.repeat(60)}1${']'.repeat(60)}`;
    const error = compileError(deep);
    expect(error.message).toMatch(/nested more deeply than the limit of 50/);
    expect(error.position).toBeGreaterThanOrEqual(50);
    expect(() => compileCel(deep, { maxNesting: 100 })).not.toThrow();
    expect(compileError('[[[1]]]', { maxNesting: 2 }).message).toMatch(
      /limit of 2/,
    );
  });

  it('rejects an empty expression', () => {
    expect(compileError('  ').message).toMatch(/empty/);
  });

  it('rejects an invalid constant regular expression at compile time', () => {
    const expression = 'object.metadata.name.matches("[a-z")';
    const error = compileError(expression);
    expect(error.message).toMatch(/invalid regular expression '\[a-z'/);
    expect(error.position).toBe(expression.indexOf('"[a-z"'));
    expect(compileError('object.x.find("(")').message).toMatch(
      /invalid regular expression/,
    );
  });

  it.each([
    ['a backreference', 'object.x.matches("(a)\\\\1")'],
    ['a lookahead', 'object.x.find("a(?=b)")'],
    ['a lookbehind', 'object.x.findAll("(?<=a)b")'],
    ['a named backreference', 'object.x.matches("(?<n>a)\\\\k<n>")'],
  ])('rejects %s, which RE2 does not support, at compile time', (_, expr) => {
    expect(compileError(expr).message).toMatch(/invalid regular expression/);
  });

  it('is an Error with a name', () => {
    const error = compileError('(');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CelCompileError');
  });
});
