/*
 * Ported from google/cel-go: ext/formatting_test.go (TestStringFormat), the
 * cases that format, run at strings version 3, whose format() is the one
 * Kubernetes enables (ext.Strings version 2), with the en_US locale
 * Kubernetes uses and no protobuf messages. The failing cases are in
 * celGoFormatErrorCases.ts.
 */
import { KubernetesCase, holds } from './kubernetesCase';

export const CEL_GO_FORMAT_CASES: KubernetesCase[] = [
  holds('no-op', '"no substitution".format([])', 'no substitution'),
  holds(
    'mid-string substitution',
    '"str is %s and some more".format(["filler"])',
    'str is filler and some more',
  ),
  holds('percent escaping', '"%% and also %%".format([])', '% and also %'),
  holds(
    'substution inside escaped percent signs',
    '"%%%s%%".format(["text"])',
    '%text%',
  ),
  holds(
    'substitution with one escaped percent sign on the right',
    '"%s%%".format(["percent on the right"])',
    'percent on the right%',
  ),
  holds(
    'substitution with one escaped percent sign on the left',
    '"%%%s".format(["percent on the left"])',
    '%percent on the left',
  ),
  holds(
    'multiple substitutions',
    '"%d %d %d, %s %s %s, %d %d %d, %s %s %s".format([1, 2, 3, "A", "B", "C", 4, 5, 6, "D", "E", "F"])',
    '1 2 3, A B C, 4 5 6, D E F',
  ),
  holds(
    'percent sign escape sequence support',
    '"%%escaped %s%%".format(["percent"])',
    '%escaped percent%',
  ),
  holds('fixed point formatting clause', '"%.3f".format([1.2345])', '1.234'),
  holds(
    'binary formatting clause',
    '"this is 5 in binary: %b".format([5])',
    'this is 5 in binary: 101',
  ),
  holds(
    'negative binary formatting clause',
    '"this is -5 in binary: %b".format([-5])',
    'this is -5 in binary: -101',
  ),
  holds(
    'uint support for binary formatting',
    '"unsigned 64 in binary: %b".format([uint(64)])',
    'unsigned 64 in binary: 1000000',
  ),
  holds(
    'bool support for binary formatting',
    '"bit set from bool: %b".format([true])',
    'bit set from bool: 1',
  ),
  holds('octal formatting clause', '"%o".format([11])', '13'),
  holds('negative octal formatting clause', '"%o".format([-11])', '-13'),
  holds(
    'uint support for octal formatting clause',
    '"this is an unsigned octal: %o".format([uint(65535)])',
    'this is an unsigned octal: 177777',
  ),
  holds(
    'lowercase hexadecimal formatting clause',
    '"%x is 30 in hexadecimal".format([30])',
    '1e is 30 in hexadecimal',
  ),
  holds(
    'uppercase hexadecimal formatting clause',
    '"%X is 20 in hexadecimal".format([30])',
    '1E is 20 in hexadecimal',
  ),
  holds(
    'negative hexadecimal formatting clause',
    '"%x is -30 in hexadecimal".format([-30])',
    '-1e is -30 in hexadecimal',
  ),
  holds(
    'unsigned support for hexadecimal formatting clause',
    '"%X is 6000 in hexadecimal".format([uint(6000)])',
    '1770 is 6000 in hexadecimal',
  ),
  holds(
    'string support with hexadecimal formatting clause',
    '"%x".format(["Hello world!"])',
    '48656c6c6f20776f726c6421',
  ),
  holds(
    'string support with uppercase hexadecimal formatting clause',
    '"%X".format(["Hello world!"])',
    '48656C6C6F20776F726C6421',
  ),
  holds(
    'byte support with hexadecimal formatting clause',
    '"%x".format([b"byte string"])',
    '6279746520737472696e67',
  ),
  holds(
    'byte support with hexadecimal formatting clause leading zero',
    '"%x".format([b"\\x00\\x00byte string\\x00"])',
    '00006279746520737472696e6700',
  ),
  holds(
    'byte support with uppercase hexadecimal formatting clause',
    '"%X".format([b"byte string"])',
    '6279746520737472696E67',
  ),
  holds(
    'scientific notation formatting clause',
    '"%.6e".format([1052.032911275])',
    '1.052033 × 10⁰³',
  ),
  holds(
    'default precision for fixed-point clause',
    '"%f".format([2.71828])',
    '2.718280',
  ),
  holds(
    'default precision for scientific notation',
    '"%e".format([2.71828])',
    '2.718280 × 10⁰⁰',
  ),
  holds('default precision for string', '"%s".format([2.71])', '2.71'),
  holds(
    'default list precision for string',
    '"%s".format([[2.71]])',
    '[2.710000]',
  ),
  holds(
    'default scientific notation for string',
    '"%s".format([0.000000002])',
    '2e-09',
  ),
  holds(
    'default list scientific notation for string',
    '"%s".format([[0.000000002]])',
    '[0.000000]',
  ),
  holds(
    'unicode output for scientific notation',
    '"unescaped unicode: %e, escaped unicode: %e".format([2.71828, 2.71828])',
    'unescaped unicode: 2.718280 × 10⁰⁰, escaped unicode: 2.718280 × 10⁰⁰',
  ),
  holds('NaN support for fixed-point', '"%f".format(["NaN"])', 'NaN'),
  holds(
    'positive infinity support for fixed-point',
    '"%f".format(["Infinity"])',
    '∞',
  ),
  holds(
    'negative infinity support for fixed-point',
    '"%f".format(["-Infinity"])',
    '-∞',
  ),
  holds('NaN support for string', '"%s".format([double("NaN")])', 'NaN'),
  holds(
    'positive infinity support for string',
    '"%s".format([double("Inf")])',
    '+Inf',
  ),
  holds(
    'negative infinity support for string',
    '"%s".format([double("-Inf")])',
    '-Inf',
  ),
  holds(
    'infinity list support for string',
    '"%s".format([[double("NaN"),double("+Inf"), double("-Inf")]])',
    '["NaN", "+Inf", "-Inf"]',
  ),
  holds('uint support for decimal clause', '"%d".format([uint(64)])', '64'),
  holds('null support for string', '"null: %s".format([null])', 'null: null'),
  holds(
    'int support for string',
    '"%s".format([999999999999])',
    '999999999999',
  ),
  holds(
    'bytes support for string',
    '"some bytes: %s".format([b"xyz"])',
    'some bytes: xyz',
  ),
  holds(
    'type() support for string',
    '"type is %s".format([type("test string")])',
    'type is string',
  ),
  holds(
    'timestamp support for string',
    '"%s".format([timestamp("2023-02-03T23:31:20+00:00")])',
    '2023-02-03T23:31:20Z',
  ),
  holds(
    'duration support for string',
    '"%s".format([duration("1h45m47s")])',
    '6347s',
  ),
  holds(
    'small duration support for string',
    '"%s".format([duration("2ns")])',
    '0.000000002s',
  ),
  holds(
    'list support for string',
    '"%s".format([["abc", 3.14, null, [9, 8, 7, 6], timestamp("2023-02-03T23:31:20Z")]])',
    '["abc", 3.140000, null, [9, 8, 7, 6], timestamp("2023-02-03T23:31:20Z")]',
  ),
  holds(
    'map support (all key types)',
    '"map with multiple key types: %s".format([{1: "value1", uint(2): "value2", true: double("NaN")}])',
    'map with multiple key types: {1:"value1", 2:"value2", true:"NaN"}',
  ),
  holds(
    'boolean support for %s',
    '"true bool: %s, false bool: %s".format([true, false])',
    'true bool: true, false bool: false',
  ),
];
