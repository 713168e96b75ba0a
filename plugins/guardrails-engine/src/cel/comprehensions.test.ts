import { toCelValue } from './index';
import { celError, celValue } from './celTestUtils';

const object = toCelValue({
  spec: {
    containers: [
      { name: 'app', image: 'registry.example.com/app:1' },
      { name: 'sidecar', image: 'docker.io/proxy:2' },
    ],
    labels: { team: 'a', tier: 'web' },
  },
});

describe('two-variable comprehensions', () => {
  it.each([
    ['object.spec.containers.all(i, c, i < 2 && c.name != "")', true],
    [
      'object.spec.containers.exists(i, c, i == 1 && c.name == "sidecar")',
      true,
    ],
    [
      'object.spec.containers.existsOne(i, c, c.image.startsWith("docker.io/"))',
      true,
    ],
    ['object.spec.labels.all(k, v, k.size() == 4)', true],
    ['object.spec.labels.exists(k, v, k == "tier" && v == "web")', true],
    ['object.spec.containers.transformList(i, c, c.name)', ['app', 'sidecar']],
    ['object.spec.containers.transformList(i, c, i > 0, c.name)', ['sidecar']],
    [
      'object.spec.labels.transformMap(k, v, v + "!")',
      { team: 'a!', tier: 'web!' },
    ],
    ['object.spec.labels.transformMap(k, v, k == "team", v)', { team: 'a' }],
    [
      'object.spec.labels.transformMapEntry(k, v, {v: k})',
      { a: 'team', web: 'tier' },
    ],
    ['[10, 20].transformMap(i, v, v + i)', { '0': 10n, '1': 21n }],
    // An error in one element does not matter once the answer is known.
    ['[0, 1].exists(i, v, 1 / v == 1)', true],
    ['[0, 1].all(i, v, 1 / v == 2)', false],
  ])('%s', (expression, expected) => {
    expect(celValue(expression, { object })).toEqual(expected);
  });

  it.each([
    ['[0, 1].all(i, v, 1 / v == 1)', /division by zero/],
    ['[0, 1].existsOne(i, v, 1 / v == 1)', /division by zero/],
    ['[1, 2].transformMapEntry(i, v, {"k": v})', /key k already exists/],
  ])('%s fails', (expression, message) => {
    expect(celError(expression)).toMatch(message);
  });

  it('counts every step against the cost budget', () => {
    const l = toCelValue(Array.from({ length: 1000 }, (_, i) => i));
    expect(
      celError('variables.l.all(i, a, variables.l.all(j, b, a + b >= 0))', {
        variables: { l },
      }),
    ).toMatch(/^cost budget exceeded/);
  });
});
