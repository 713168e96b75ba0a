import { compileCel } from './index';
import { celError, celValue } from './celTestUtils';

// Behaviour beyond the cases ported from Kubernetes (conformance/kubernetes*Cases.ts).
describe('URL, IP and CIDR functions', () => {
  it.each([
    ["url('https://example.com/a%2Fb').getEscapedPath()", '/a%2Fb'],
    [
      "url('https://example.com/p?a=1&a=2&b=x+y').getQuery()",
      { a: ['1', '2'], b: ['x y'] },
    ],
    ["url('https://user@[2001:db8::1]:8443/').getHostname()", '2001:db8::1'],
    ["url('https://example.com:8443/x#frag').getPort()", '8443'],
    ["isURL('mailto:someone@example.com')", true],
    ["isURL('example.com')", false],
    ["url('/a') == url('/a')", true],
    ["string(ip('2001:0DB8:0:0:0:0:0:1'))", '2001:db8::1'],
    ["ip.isCanonical('2001:db8::1')", true],
    ["ip('10.0.0.1') == ip('10.0.0.1')", true],
    ["isIP('::ffff:10.0.0.1')", false],
    ["isIP('fe80::1%eth0')", false],
    ["isIP('010.0.0.1')", false],
    ["cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')", true],
    ["cidr('10.0.0.0/8').containsIP('2001:db8::1')", false],
    ["isCIDR('10.0.0.0/33')", false],
    ["string(cidr('10.1.2.3/8').masked())", '10.0.0.0/8'],
  ])('%s', (expression, expected) => {
    expect(celValue(expression)).toEqual(expected);
  });

  it("rejects what Go rejects, with Go's message", () => {
    expect(celError("url('https://a:b:c/')")).toMatch(
      'URL parse error during conversion from string: parse "https://a:b:c/": invalid port ":c" after host',
    );
    expect(celError("url('../relative')")).toMatch('invalid URI for request');
    expect(celError("ip('::ffff:10.0.0.1')")).toMatch(
      'IPv4-mapped IPv6 address "::ffff:10.0.0.1" is not allowed',
    );
  });

  it('bounds the work on a huge input by the cost budget', () => {
    const huge = 'a'.repeat(2_000_000);
    const program = compileCel('isURL(params.s) || isIP(params.s)', {
      variables: ['params'],
    });
    const result = program.evaluate(
      { params: { s: huge } },
      { costBudget: 1000 },
    );
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/^cost budget exceeded/),
    });
  });
});

describe('format library', () => {
  it.each([
    [
      `format.dns1123Label().validate('${'a'.repeat(64)}')`,
      ['must be no more than 63 characters'],
    ],
    ["format.dns1123Label().validate('a.b')", ['must not contain dots']],
    ["format.qualifiedName().validate('a/b/c').hasValue()", true],
    ["format.labelValue().validate('').hasValue()", false],
    [
      "format.uri().validate('not a uri')",
      ['parse "not a uri": invalid URI for request'],
    ],
    ["format.date().validate('2024-02-29').hasValue()", false],
    ["format.date().validate('2023-02-29').hasValue()", true],
    ["format.named('dns1123Label').value().validate('ok').hasValue()", false],
  ])('%s', (expression, expected) => {
    const value = celValue(expression) as { orValue(v: unknown): unknown };
    const shown = typeof expected === 'boolean' ? value : value.orValue(null);
    expect(shown).toEqual(expected);
  });
});
