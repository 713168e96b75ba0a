import { Optional } from '@marcbachmann/cel-js';
import { toCelValue } from './index';
import { celError, celValue } from './celTestUtils';

const object = toCelValue({
  metadata: { name: 'web', labels: { team: 'a' } },
  spec: { replicas: 0 },
});

describe('optional types', () => {
  it.each([
    ['optional.ofNonZeroValue(object.spec.replicas).hasValue()', false],
    ['optional.ofNonZeroValue(object.metadata.name).value()', 'web'],
    ["optional.ofNonZeroValue('').orValue('none')", 'none'],
    ['object.metadata.?labels.optMap(l, size(l)).value()', 1n],
    ['object.metadata.?annotations.optMap(a, size(a)).hasValue()', false],
    ['object.metadata.?labels.optFlatMap(l, l.?team).value()', 'a'],
    ['object.metadata.?labels.optFlatMap(l, l.?owner).hasValue()', false],
    ['optional.of(1) == optional.of(1)', true],
    ['optional.none() != optional.of(1)', true],
    ['type(optional.none()) == optional_type', true],
    ['optional.none().?x.hasValue()', false],
    // Optional list elements and map entries are left out when absent.
    [
      "[?object.metadata.?labels.?team, ?object.metadata.?labels.?owner, 'x']",
      ['a', 'x'],
    ],
    [
      "{?'team': object.metadata.?labels.?team, ?'owner': object.metadata.?labels.?owner}",
      { team: 'a' },
    ],
    ['[? optional.of(1), 2].size()', 2n],
    // A '?' inside a string or a ternary is not an optional marker.
    ["['?', true ? '[?x]' : 'y']", ['?', '[?x]']],
  ])('%s', (expression, expected) => {
    expect(celValue(expression, { object })).toEqual(expected);
  });

  it('requires an optional where one is marked', () => {
    expect(() => celValue('[?1]')).toThrow(/must be optional/);
    expect(celError('[?dyn(1)]')).toMatch(/must be optional/);
  });

  it('keeps error positions of marked literals', () => {
    expect(() => celValue("[?optional.of(1), 'a']")).toThrow(
      /expected type 'int' but found 'string' \(at position 18\)/,
    );
  });

  it('gives optionals back as Optional values', () => {
    expect(celValue('optional.of(2)')).toBeInstanceOf(Optional);
  });
});
