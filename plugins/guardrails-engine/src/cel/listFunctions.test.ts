import { compileCel, toCelValue } from './index';
import { celError, celValue } from './celTestUtils';

// Examples from Kubernetes' list library documentation
// (k8s.io/apiserver/pkg/cel/library/lists.go).
describe('Kubernetes list functions', () => {
  it.each([
    ['[1, 2, 3].isSorted()', true],
    ['["a", "b", "b", "c"].isSorted()', true],
    ['[2.0, 1.0].isSorted()', false],
    ['[1].isSorted()', true],
    ['[].isSorted()', true],
    ['[1, 3].sum()', 4n],
    ['[1.0, 3.0].sum()', 4],
    ['[duration("1m"), duration("1s")].sum() == duration("1m1s")', true],
    ['[].sum()', 0n],
    ['[1, 3].min()', 1n],
    ['[1, 3].max()', 3n],
    ['[1].min()', 1n],
    ['["b", "a", "c"].max()', 'c'],
    ['[1, 2, 2, 3].indexOf(2)', 1n],
    ['["a", "b", "b", "c"].lastIndexOf("b")', 2n],
    ['[1.0].indexOf(1.1)', -1n],
    ['[].indexOf("string")', -1n],
    ['[[1], [2]].indexOf([2])', 1n],
  ])('%s', (expression, expected) => {
    expect(celValue(expression)).toEqual(expected);
  });

  it('fails min and max of an empty list', () => {
    expect(celError('[].min()')).toMatch(/min called on empty list/);
    expect(celError('[].max()')).toMatch(/max called on empty list/);
  });

  it('fails on integer overflow', () => {
    expect(celError('[9223372036854775807, 1].sum()')).toMatch(/overflow/);
  });

  it('works on lists from objects (dynamic lists)', () => {
    const object = toCelValue({
      spec: {
        containers: [
          { name: 'b', ports: [{ containerPort: 80 }, { containerPort: 443 }] },
          { name: 'a', ports: [{ containerPort: 8080 }] },
        ],
        weights: [0.5, 1, 1.5],
      },
    });
    const activation = { object };
    expect(
      celValue(
        'object.spec.containers.map(c, size(c.ports)).sum()',
        activation,
      ),
    ).toBe(3n);
    expect(
      celValue(
        'object.spec.containers.map(c, c.ports.map(p, p.containerPort).max()).min()',
        activation,
      ),
    ).toBe(443n);
    expect(
      celValue('object.spec.containers.map(c, c.name).isSorted()', activation),
    ).toBe(false);
    expect(
      celValue(
        'object.spec.containers.map(c, c.name).indexOf("a")',
        activation,
      ),
    ).toBe(1n);
    // JSON numbers 1 and 1.0 are the same; mixed lists still sum.
    expect(celValue('object.spec.weights.sum()', activation)).toBe(3);
    expect(celValue('object.spec.weights.max()', activation)).toBe(1.5);
    expect(celValue('object.spec.weights.indexOf(1.0)', activation)).toBe(1n);
  });

  it('types min and max of a dynamic list so that comparisons compile', () => {
    const activation = {
      object: toCelValue({ spec: { x: [3, 1, 2], weights: [1, 2.5] } }),
    };
    expect(celValue('object.spec.x.max() >= 3', activation)).toBe(true);
    expect(celValue('object.spec.x.min() > 0', activation)).toBe(true);
    expect(celValue('type(object.spec.x.min()) == int', activation)).toBe(true);
    expect(celValue('object.spec.x.min() == 1.0', activation)).toBe(true);
    expect(celValue('object.spec.weights.max() == 2.5', activation)).toBe(true);
    // Literal lists keep their element type, as in Kubernetes.
    expect(celValue('type([1, 2].min()) == int')).toBe(true);
    expect(() => compileCel('[1, 2].min() == 1.0')).toThrow(/no such overload/);
  });

  it('rejects values that cannot be ordered', () => {
    expect(
      celError('variables.l.min()', { variables: { l: [{}, {}] } }),
    ).toMatch(/cannot compare/);
  });
});
