import { compileCel } from './index';
import { celValue } from './celTestUtils';

// string.format() and strings.quote() as Kubernetes (cel-go strings v2) runs
// them; conformance/celGoFormatCases.ts holds cel-go's own cases.
describe('string format() and strings.quote()', () => {
  it.each([
    ['"%.2f".format([1234567.5])', '1,234,567.50'],
    ['"%.0f".format([2.5])', '2'],
    ['"%.0f".format([3.5])', '4'],
    ['"%e".format([0.000123])', '1.230000\u202f×\u202f10⁻⁰⁴'],
    ['"%s".format([1234567.0])', '1.234567e+06'],
    ['"%s and %s".format([[1, 2], {"a": true}])', '[1, 2] and {"a":true}'],
    ['"%d%%".format([50])', '50%'],
    ['strings.quote("say \\"hi\\"\\n")', '"say \\"hi\\"\\n"'],
    ['strings.quote("tab\\there")', '"tab\\there"'],
  ])('%s', (expression, expected) => {
    expect(celValue(expression)).toBe(expected);
  });

  it.each([
    ['"%s %s".format(["a"])', 'index 1 out of range'],
    [
      '"%s".format(["a", "b"])',
      'too many arguments supplied to string.format (expected 1, got 2)',
    ],
    ['"%d".format([1.5])', 'decimal clause can only be used on integers'],
    ['"%q".format([1])', 'unrecognized formatting clause "q"'],
  ])('rejects %s at compile time', (expression, message) => {
    expect(() => compileCel(expression)).toThrow(message);
  });

  it('checks argument types at run time when they come from objects', () => {
    const program = compileCel('"%d".format([object.spec.x])');
    expect(program.evaluate({ object: { spec: { x: 'a' } } })).toEqual({
      ok: false,
      error: expect.stringContaining(
        'decimal clause can only be used on integers, was given string',
      ),
    });
  });
});
