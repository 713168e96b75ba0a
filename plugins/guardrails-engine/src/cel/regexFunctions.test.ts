import { celError, celValue } from './celTestUtils';
import { compileCel } from './index';

// Kubernetes' regex library (k8s.io/apiserver/pkg/cel/library/regex.go) follows
// Go's regexp: find is FindString, findAll is FindAllString.
describe('regex functions', () => {
  it.each([
    ['"abc 123".find("[0-9]+")', '123'],
    ['"abc 123".find("xyz")', ''],
    ['"abc 123".find("[0-9]*")', ''],
    ['"123 abc 456".findAll("[0-9]+")', ['123', '456']],
    ['"123 abc 456".findAll("[0-9]+", 1)', ['123']],
    ['"123 abc 456".findAll("[0-9]+", 0)', []],
    ['"123 abc 456".findAll("xyz")', []],
    // Go skips an empty match that directly follows the previous match.
    ['"baaab".findAll("a*")', ['', 'aaa', '']],
    ['"123 abc 456".findAll("[0-9]*")', ['123', '', '', '', '', '456']],
    ['"héllo wörld".findAll("[^ ]+")', ['héllo', 'wörld']],
    ['"ABC".find("(?i)b")', 'B'],
    ['"key=value".find("(?P<k>[a-z]+)=")', 'key='],
    ['"abc".find("\\\\Aab")', 'ab'],
    ['"abc".findAll("c\\\\z")', ['c']],
    ['"hello".matches("^h.*o$")', true],
    ['"hello".matches("^x")', false],
    ['"nginx:latest".matches(":latest$")', true],
    ['"NGINX:Latest".matches("(?i):latest$")', true],
    ['"line1\\nline2".matches("(?m)^line2$")', true],
  ])('%s', (expression, expected) => {
    expect(celValue(expression)).toEqual(expected);
  });

  it('reports an invalid pattern given at run time', () => {
    expect(celError('"abc".find(params.re)', { params: { re: '(' } })).toMatch(
      /invalid regular expression '\('/,
    );
    expect(
      celError('"abc".findAll(params.re, 2)', { params: { re: '[' } }),
    ).toMatch(/invalid regular expression/);
  });

  it('rejects a pattern RE2 does not support when it arrives at run time', () => {
    for (const re of ['(a)\\1', 'a(?=b)', '(?<=a)b']) {
      expect(celError('"aab".matches(params.re)', { params: { re } })).toMatch(
        /invalid regular expression/,
      );
      expect(celError('"aab".find(params.re)', { params: { re } })).toMatch(
        /invalid regular expression/,
      );
    }
  });

  it('matches in linear time where a backtracking engine takes minutes', () => {
    // A backtracking engine explores 2^34 ways to split the a's before failing.
    const start = Date.now();
    const params = { s: `${'a'.repeat(34)}!` };
    expect(celValue('params.s.matches("^(a+)+$")', { params })).toBe(false);
    expect(celValue('params.s.find("(a|aa)+$")', { params })).toBe('');
    expect(celValue('params.s.findAll("(a*)*b")', { params })).toEqual([]);
    expect(
      celValue('[params.s].exists(x, dyn(x).matches("^(a|a)+$"))', { params }),
    ).toBe(false);
    // Only a guard: the match takes milliseconds.
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('charges regular expressions over long text against the cost budget', () => {
    const text = 'x'.repeat(200_000);
    const pattern = `(${'[a-w]'.repeat(60)})`;
    const program = compileCel(
      `variables.texts.exists(t, t.matches(params.re))`,
    );
    const result = program.evaluate({
      variables: { texts: Array.from({ length: 50 }, () => text) },
      params: { re: pattern },
    });
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/^cost budget exceeded/),
    });
  });

  it('applies matches() to values from objects', () => {
    const object = { metadata: { name: 'web-01', labels: { app: 42 } } };
    expect(
      celValue('object.metadata.name.matches("^[a-z]+-[0-9]+$")', { object }),
    ).toBe(true);
    expect(
      celValue('object.metadata.name.matches(params.re)', {
        object,
        params: { re: '^api' },
      }),
    ).toBe(false);
    expect(
      celError('object.metadata.labels.app.matches("4")', { object }),
    ).toMatch(/no such overload/);
  });

  it('matches container images from an object', () => {
    const object = {
      spec: {
        containers: [
          { image: 'docker.io/nginx:1.25' },
          { image: 'ghcr.io/acme/api:2.1' },
        ],
      },
    };
    expect(
      celValue('object.spec.containers.map(c, c.image.find("^[^/]+"))', {
        object,
      }),
    ).toEqual(['docker.io', 'ghcr.io']);
  });
});
