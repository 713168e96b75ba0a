import { CelCompileError, compileCel } from './index';

function loadError(expression: string, kubernetesVersion: string): string {
  try {
    compileCel(expression, { kubernetesVersion });
  } catch (error) {
    if (error instanceof CelCompileError) return error.message;
    throw error;
  }
  return 'loaded';
}

describe('kubernetesVersion', () => {
  it.each([
    [
      'object.?spec.hasValue()',
      '1.27',
      'optional .? selection needs Kubernetes 1.28 or later (kubernetesVersion is 1.27)',
    ],
    [
      'quantity("1").isInteger()',
      '1.27',
      'quantity() needs Kubernetes 1.28 or later',
    ],
    [
      '"%s".format(["a"]) == "a"',
      '1.28',
      'string format() needs Kubernetes 1.29 or later',
    ],
    [
      'sets.contains([1], [1])',
      '1.28',
      'sets.contains() needs Kubernetes 1.29 or later',
    ],
    ['isIP("10.0.0.1")', '1.29', 'isIP() needs Kubernetes 1.30 or later'],
    [
      'format.uuid().validate("x").hasValue()',
      '1.30',
      'needs Kubernetes 1.31 or later',
    ],
    ['[1].all(i, v, v > 0)', '1.31', 'all() needs Kubernetes 1.32 or later'],
    ['isSemver("1.0.0")', '1.32', 'isSemver() needs Kubernetes 1.33 or later'],
    [
      'quantity("1").mul(2).isInteger()',
      '1.33',
      'quantity mul() is in no Kubernetes release yet',
    ],
    [
      'cel.bind(x, 1, x > 0)',
      '1.33',
      'cel.bind() is not available in Kubernetes',
    ],
  ])('rejects %s before its release (%s)', (expression, version, message) => {
    expect(loadError(expression, version)).toContain(message);
  });

  it.each([
    ['object.?spec.hasValue()', '1.28'],
    ['isIP("10.0.0.1") && url("/a").getHost() == ""', '1.30'],
    ['[1].all(i, v, v > 0)', 'v1.32.4'],
    ['object.spec.containers.all(c, c.image.startsWith("r/"))', '1.23'],
  ])('loads %s on %s', (expression, version) => {
    expect(loadError(expression, version)).toBe('loaded');
  });

  it('checks nothing when no version is configured', () => {
    expect(() => compileCel('cel.bind(x, 1, x > 0)')).not.toThrow();
  });

  it('rejects a version that is not a release', () => {
    expect(() => compileCel('true', { kubernetesVersion: 'latest' })).toThrow(
      "kubernetesVersion 'latest' is not a Kubernetes release such as '1.30'",
    );
  });
});
