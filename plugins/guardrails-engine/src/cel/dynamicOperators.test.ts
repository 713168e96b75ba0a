import { toCelValue } from './index';
import { celValue } from './celTestUtils';

// JSON numbers arrive as ints when whole; literals in expressions may be
// doubles or uints. CEL compares numbers by value whatever their type.
const object = toCelValue({
  spec: { ports: [80, 443], weights: [0.5, 1], labels: { '1': 'one' } },
});

describe('==, != and in on dynamic values', () => {
  it.each([
    ['80.0 in object.spec.ports', true],
    ['dyn(443u) in object.spec.ports', true],
    ['8080 in object.spec.ports', false],
    ['1 in object.spec.weights', true],
    ['object.spec.ports == [80.0, 443.0]', true],
    ['object.spec.ports != [80.0, 443.0]', false],
    ['object.spec.weights == [0.5, 1.0]', true],
    ["object.spec.labels == {'1': 'one'}", true],
    ['object.spec.ports == [80u, 443u]', true],
    ["'1' in object.spec.labels", true],
    ["'2' in object.spec.labels", false],
    ["object.spec.ports == 'x'", false],
  ])('%s is %s', (expression, expected) => {
    expect(celValue(expression, { object })).toBe(expected);
  });
});
