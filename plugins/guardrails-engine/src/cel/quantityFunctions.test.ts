import { Quantity, fromCelValue, toCelValue } from './index';
import { celError, celValue } from './celTestUtils';

// Expressions from Kubernetes' own CEL quantity library tests
// (k8s.io/apiserver/pkg/cel/library/quantity_test.go) and its documentation.
describe('Kubernetes quantity functions', () => {
  it.each([
    ['isQuantity("20")', true],
    ['isQuantity("20M")', true],
    ['isQuantity("20Mi")', true],
    ['isQuantity("20Mo")', false],
    ['isQuantity("10Mm")', false],
    ['isQuantity("1.3G")', true],
    ['isQuantity("1,3G")', false],
    ['isQuantity("200K")', false],
    ['quantity("200M") == quantity("200M")', true],
    [
      'quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")',
      true,
    ],
    [
      'quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M") && quantity("0.002G") == quantity("2000k")',
      true,
    ],
    ['quantity("200M") == quantity("0.3G")', false],
    ['quantity("200M") != quantity("0.3G")', true],
    ['quantity("50M").isLessThan(quantity("50Mi"))', true],
    ['quantity("50M").isLessThan(quantity("100M"))', true],
    ['quantity("100M").isLessThan(quantity("50M"))', false],
    ['quantity("50Mi").isGreaterThan(quantity("50M"))', true],
    ['quantity("150Mi").isGreaterThan(quantity("100Mi"))', true],
    ['quantity("50M").isGreaterThan(quantity("100M"))', false],
    ['quantity("200M").compareTo(quantity("0.2G"))', 0n],
    ['quantity("50M").compareTo(quantity("50Mi"))', -1n],
    ['quantity("50Mi").compareTo(quantity("50M"))', 1n],
    ['quantity("50k").add(quantity("20")) == quantity("50.02k")', true],
    ['quantity("50k").add(20).isLessThan(quantity("50020"))', false],
    ['quantity("50k").sub(quantity("20")) == quantity("49.98k")', true],
    ['quantity("50k").sub(20) == quantity("49980")', true],
    ['quantity("50k").mul(2) == quantity("100000")', true],
    ['quantity("50k").add(20).sub(quantity("100k")).asInteger()', -49980n],
    [
      'quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger()',
      20n,
    ],
    ['quantity("50k").asInteger()', 50000n],
    ['quantity("9999999999999999999999999999999999999G").isInteger()', false],
    ['quantity("50").isInteger()', true],
    ['quantity("50.703k").asApproximateFloat()', 50703],
    ['quantity("50000000G").isInteger()', true],
    ['quantity("50k").sub(20000).asApproximateFloat() == 30000.0', true],
    ['quantity("-1.5Gi").sign()', -1n],
    ['sign(quantity("0"))', 0n],
    ['quantity("1m").sign()', 1n],
    ['type(quantity("1")) == kubernetes.Quantity', true],
  ])('%s', (expression, expected) => {
    expect(celValue(expression)).toBe(expected);
  });

  it('is exact for decimal fractions', () => {
    expect(
      celValue('quantity("0.1").add(quantity("0.2")) == quantity("0.3")'),
    ).toBe(true);
    expect(celValue('quantity("1.5Gi") == quantity("1536Mi")')).toBe(true);
    expect(
      celValue('quantity("500m").add(quantity("500m")) == quantity("1")'),
    ).toBe(true);
    expect(celValue('quantity("1e3") == quantity("1k")')).toBe(true);
  });

  it('returns Quantity values that convert back to canonical strings', () => {
    const q = celValue('quantity("1.5Gi").add(quantity("512Mi"))');
    expect(q).toBeInstanceOf(Quantity);
    expect(fromCelValue(q)).toBe('2Gi');
  });

  it('reports bad quantities and conversions as errors', () => {
    expect(celError('quantity("10Mo")')).toMatch(
      /quantities must match the regular expression/,
    );
    expect(celError('quantity("10Mm")')).toMatch(
      /unable to parse quantity's suffix/,
    );
    expect(
      celError(
        'quantity("9999999999999999999999999999999999999G").asInteger()',
      ),
    ).toMatch(/cannot convert value to integer/);
    expect(celError('quantity("1500m").asInteger()')).toMatch(
      /cannot convert value to integer/,
    );
  });

  it('compares container resources from an object', () => {
    const object = toCelValue({
      spec: {
        containers: [
          { resources: { limits: { memory: '512Mi', cpu: '250m' } } },
          { resources: { limits: { memory: '1Gi', cpu: '1' } } },
        ],
      },
    });
    expect(
      celValue(
        'object.spec.containers.all(c, quantity(c.resources.limits.memory).compareTo(quantity("1Gi")) <= 0)',
        { object },
      ),
    ).toBe(true);
    expect(
      celValue(
        'object.spec.containers.map(c, quantity(c.resources.limits.cpu)).exists(q, q.isGreaterThan(quantity("500m")))',
        { object },
      ),
    ).toBe(true);
  });

  it('accepts Quantity values placed in the activation', () => {
    expect(
      celValue('params.max.isGreaterThan(quantity("1Gi"))', {
        params: { max: Quantity.parse('2Gi') },
      }),
    ).toBe(true);
  });
});
