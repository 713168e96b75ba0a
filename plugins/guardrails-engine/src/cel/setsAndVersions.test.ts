import { compileCel, toCelValue } from './index';
import { celError, celValue } from './celTestUtils';

const object = toCelValue({
  spec: { verbs: ['get', 'list'], ports: [80, 443], version: 'v1.29.3' },
});

describe('sets, semver and quantity division', () => {
  it.each([
    ["sets.contains(object.spec.verbs, ['get'])", true],
    ["sets.contains(object.spec.verbs, ['get', 'delete'])", false],
    ['sets.contains(object.spec.ports, [443.0])', true],
    ["sets.intersects(object.spec.verbs, ['delete', 'list'])", true],
    ["sets.intersects(object.spec.verbs, ['delete'])", false],
    ["sets.equivalent(object.spec.verbs, ['list', 'get', 'get'])", true],
    ['sets.contains([], [])', true],
    ['semver(object.spec.version, true).minor() >= 29', true],
    ["semver('1.0.0-alpha').isLessThan(semver('1.0.0-alpha.1'))", true],
    ["semver('1.0.0-alpha.beta').isLessThan(semver('1.0.0-beta'))", true],
    ["semver('1.0.0-2').isLessThan(semver('1.0.0-10'))", true],
    ["semver('1.0.0-rc.1').isLessThan(semver('1.0.0'))", true],
    ["semver('1.0.0+build.1') == semver('1.0.0+build.2')", true],
    ["isSemver('1.0.0-01')", false],
    ["quantity('1').div(3) == quantity('333300u')", true],
    ["quantity('1').div(3, 0) == quantity('0')", true],
    ["quantity('-7').divInt(2) == quantity('-3')", true],
  ])('%s', (expression, expected) => {
    expect(celValue(expression, { object })).toBe(expected);
  });

  it('fails division by zero and rounding outside 0 to 10', () => {
    expect(celError("quantity('1').div(0)")).toMatch(/division by zero/);
    expect(celError("quantity('1').divInt(0)")).toMatch(/division by zero/);
    expect(celError("quantity('1').div(3, 11)")).toMatch(/0 to 10/);
  });

  it('rejects sets of different element types at compile time', () => {
    expect(() => compileCel("sets.contains([1], ['a'])")).toThrow(
      /no matching overload/,
    );
  });

  it('finds a double in a list of whole numbers from an object', () => {
    expect(celValue('object.spec.ports.indexOf(443.0)', { object })).toBe(1n);
    expect(() => compileCel('[80, 443].indexOf(443.0)')).toThrow(
      /no matching overload/,
    );
  });
});
