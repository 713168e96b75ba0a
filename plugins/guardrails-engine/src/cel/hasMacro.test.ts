import { toCelValue } from './index';
import { celError, celValue } from './celTestUtils';

const object = toCelValue({
  spec: {
    securityContext: null,
    containers: [{ name: 'app', ports: [] }],
    labels: { team: 'a' },
  },
});

describe('has()', () => {
  it.each([
    ['has(object.spec.containers)', true],
    ['has(object.spec.missing)', false],
    // A field set to null is absent, as on the API server.
    ['has(object.spec.securityContext)', false],
    // Selections on indexed elements and on literals are accepted.
    ['has(object.spec.containers[0].name)', true],
    ['has(object.spec.containers[0].image)', false],
    ['object.spec.containers.all(c, has(c.ports))', true],
    ["has({'a': 1}.a)", true],
    ["has({'a': 1}.b)", false],
    ['has(object.spec.?labels.team)', true],
    ['has(object.spec.?missing.team)', false],
  ])('%s is %s', (expression, expected) => {
    expect(celValue(expression, { object })).toBe(expected);
  });

  it('fails when an intermediate field is missing', () => {
    expect(celError('has(object.spec.missing.x)', { object })).toMatch(
      /No such key: missing/,
    );
  });

  it('is false on null, as for oldObject on create', () => {
    expect(celValue('has(oldObject.spec)', { oldObject: null })).toBe(false);
  });

  it('fails on a value that has no fields', () => {
    expect(celError('has(object.spec.labels.team.x)', { object })).toMatch(
      /has\(\) needs a map or object/,
    );
  });

  it('accepts only a field selection', () => {
    expect(() => celValue('has(object)')).toThrow(/has\(\) invalid argument/);
  });
});
