import { CelCompileError, compileCel, toCelValue } from './index';
import { celError, celValue } from './celTestUtils';

describe('list and map literals', () => {
  it.each([
    ["[1, 'a']", "expected type 'int' but found 'string'", 4],
    ["{'a': 1, 'b': 'two'}", "expected type 'int' but found 'string'", 14],
    ["{'a': 1, 2: 2}", "expected type 'string' but found 'int'", 9],
    ['[1, 2.0]', "expected type 'int' but found 'double'", 4],
    ["[[1], ['a']]", "expected type 'list<int>' but found 'list<string>'", 6],
  ])(
    'rejects the mixed literal %s, as Kubernetes does',
    (expression, message, position) => {
      let error: unknown;
      try {
        compileCel(expression);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CelCompileError);
      expect((error as CelCompileError).message).toContain(message);
      expect((error as CelCompileError).position).toBe(position);
    },
  );

  it('accepts elements whose type comes from an object', () => {
    const object = toCelValue({ spec: { replicas: 3, name: 'x' } });
    expect(celValue('[1, object.spec.replicas].max()', { object })).toBe(3n);
    expect(celValue("[object.spec.name, 'y'].size()", { object })).toBe(2n);
    expect(celValue('[[], [1]].size()')).toBe(2n);
  });

  it('types empty literals so that macros and selections compile', () => {
    expect(celValue('[].all(e, e > 0)')).toBe(true);
    expect(celValue('{}.exists(k, k == "a")')).toBe(false);
  });

  it('fails on a repeated map key or a key CEL does not allow', () => {
    expect(celError("{'a': 1, 'a': 2}")).toMatch(/repeated map key: a/);
    expect(celError('{1.5: 1}')).toMatch(/unsupported map key type/);
  });

  it('keeps keys that name JavaScript object properties', () => {
    expect(celValue("{'constructor': 1, '__proto__': 2}.size()")).toBe(2n);
    expect(celValue("{'constructor': 1}['constructor']")).toBe(1n);
  });
});
