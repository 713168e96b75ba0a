import { celError, celValue } from './celTestUtils';

// Examples from cel-go's strings extension (ext/strings.go), which Kubernetes enables.
describe('string extension functions', () => {
  it.each([
    ['"hello".charAt(1)', 'e'],
    ['"hello".charAt(5)', ''],
    ['"héllo".charAt(1)', 'é'],
    ['"hello mellow".indexOf("")', 0n],
    ['"hello mellow".indexOf("ello")', 1n],
    ['"hello mellow".indexOf("jello")', -1n],
    ['"hello mellow".indexOf("", 2)', 2n],
    ['"hello mellow".indexOf("ello", 2)', 7n],
    ['"hello mellow".lastIndexOf("")', 12n],
    ['"hello mellow".lastIndexOf("ello")', 7n],
    ['"hello mellow".lastIndexOf("jello")', -1n],
    ['"hello mellow".lastIndexOf("ello", 6)', 1n],
    ['"TacoCat".lowerAscii()', 'tacocat'],
    ['"TacoCat".upperAscii()', 'TACOCAT'],
    // Only ASCII letters change, as in cel-go.
    ['"TacoCÆt Xii".lowerAscii()', 'tacocÆt xii'],
    ['"tacoCαt".upperAscii()', 'TACOCαT'],
    // Go's unicode.IsSpace: NEL and no-break space are spaces, ZWSP and BOM are not.
    ['"\u0085\u00a0\u1680text\u3000".trim()', 'text'],
    ['"\u200btext\ufeff".trim()', '\u200btext\ufeff'],
    ['"hello hello".replace("he", "we")', 'wello wello'],
    ['"hello hello".replace("he", "we", -1)', 'wello wello'],
    ['"hello hello".replace("he", "we", 1)', 'wello hello'],
    ['"hello hello".replace("he", "we", 0)', 'hello hello'],
    ['"abc".replace("", "-")', '-a-b-c-'],
    ['"abc".replace("", "-", 2)', '-a-bc'],
    ['"hello hello hello".split(" ")', ['hello', 'hello', 'hello']],
    ['"hello hello hello".split(" ", 0)', []],
    ['"hello hello hello".split(" ", 1)', ['hello hello hello']],
    ['"hello hello hello".split(" ", 2)', ['hello', 'hello hello']],
    ['"hello hello hello".split(" ", -1)', ['hello', 'hello', 'hello']],
    ['["hello", "mellow"].join()', 'hellomellow'],
    ['["hello", "mellow"].join(" ")', 'hello mellow'],
    ['[].join("/")', ''],
    ['"  \\ttrim\\n    ".trim()', 'trim'],
    ['"tacocat".substring(4)', 'cat'],
    ['"tacocat".substring(0, 4)', 'taco'],
    ['"registry.example.com/app:1.0".split(":")[1]', '1.0'],
  ])('%s', (expression, expected) => {
    expect(celValue(expression)).toEqual(expected);
  });

  it('reports indexes out of range', () => {
    expect(celError('"hello".charAt(6)')).toMatch(/index out of range: 6/);
    expect(celError('"hello".charAt(-1)')).toMatch(/index out of range/);
    expect(celError('"hello mellow".indexOf("ello", 20)')).toMatch(
      /out of range/,
    );
    expect(celError('"tacocat".substring(40)')).toMatch(/out of range/);
    expect(celError('"tacocat".substring(4, 2)')).toMatch(/out of range/);
  });

  it('applies to strings from objects', () => {
    const object = { metadata: { name: 'Payments-API' } };
    expect(
      celValue('object.metadata.name.lowerAscii().replace("-", "_")', {
        object,
      }),
    ).toBe('payments_api');
  });
});
