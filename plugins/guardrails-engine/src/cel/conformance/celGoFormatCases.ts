/*
 * Ported from google/cel-go: ext/formatting_test.go (TestStringFormat), the cases
 * run at strings version 3, whose format() is the one Kubernetes enables
 * (ext.Strings version 2) — with the en_US locale Kubernetes uses and no
 * protobuf messages. Errors cel-go's test expects at compile time must be
 * compile errors here too; the others (which that test reaches by turning the
 * compile-time check off, as Kubernetes does not) may be either.
 */
import { KubernetesCase, fails, holds } from './kubernetesCase';

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
  fails(
    'unrecognized formatting clause',
    '"%a".format([1])',
    'any',
    'could not parse formatting clause: unrecognized formatting clause "a"',
  ),
  fails(
    'out of bounds arg index',
    '"%d %d %d".format([0, 1])',
    'any',
    'index 2 out of range',
  ),
  fails(
    'string substitution is not allowed with binary clause',
    '"string is %b".format(["abc"])',
    'any',
    'error during formatting: only integers and bools can be formatted as binary, was given string',
  ),
  fails(
    'duration substitution not allowed with decimal clause',
    '"%d".format([duration("30m2s")])',
    'any',
    'error during formatting: decimal clause can only be used on integers, was given google.protobuf.Duration',
  ),
  fails(
    'string substitution not allowed with octal clause',
    '"octal: %o".format(["a string"])',
    'any',
    'error during formatting: octal clause can only be used on integers, was given string',
  ),
  fails(
    'double substitution not allowed with hex clause',
    '"double is %x".format([0.5])',
    'any',
    'error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given double',
  ),
  fails(
    'uppercase not allowed for scientific clause',
    '"double is %E".format([0.5])',
    'any',
    'could not parse formatting clause: unrecognized formatting clause "E"',
  ),
  fails(
    'null not allowed for %d',
    '"null: %d".format([null])',
    'any',
    'error during formatting: decimal clause can only be used on integers, was given null_type',
  ),
  fails(
    'null not allowed for %e',
    '"null: %e".format([null])',
    'any',
    'error during formatting: scientific clause can only be used on doubles, was given null_type',
  ),
  fails(
    'null not allowed for %f',
    '"null: %f".format([null])',
    'any',
    'error during formatting: fixed-point clause can only be used on doubles, was given null_type',
  ),
  fails(
    'null not allowed for %x',
    '"null: %x".format([null])',
    'any',
    'error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given null_type',
  ),
  fails(
    'null not allowed for %X',
    '"null: %X".format([null])',
    'any',
    'error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given null_type',
  ),
  fails(
    'null not allowed for %b',
    '"null: %b".format([null])',
    'any',
    'error during formatting: only integers and bools can be formatted as binary, was given null_type',
  ),
  fails(
    'null not allowed for %o',
    '"null: %o".format([null])',
    'any',
    'error during formatting: octal clause can only be used on integers, was given null_type',
  ),
  fails(
    'compile-time cardinality check (too few for string)',
    '"%s %s".format(["abc"])',
    'compile',
    'index 1 out of range',
  ),
  fails(
    'compile-time cardinality check (too many for string)',
    '"%s %s".format(["abc", "def", "ghi"])',
    'compile',
    'too many arguments supplied to string.format (expected 2, got 3)',
  ),
  fails(
    'compile-time syntax check (unexpected end of string)',
    '"filler %".format([])',
    'compile',
    'unexpected end of string',
  ),
  fails(
    'compile-time syntax check (unrecognized formatting clause)',
    '"%j".format([123])',
    'compile',
    'could not parse formatting clause: unrecognized formatting clause "j"',
  ),
  fails(
    'compile-time %d check',
    '"int is %d".format([5.2])',
    'compile',
    'error during formatting: decimal clause can only be used on integers',
  ),
  fails(
    'compile-time %f check',
    '"double is %f".format([true])',
    'compile',
    'error during formatting: fixed-point clause can only be used on doubles',
  ),
  fails(
    'compile-time precision syntax check',
    '"double is %.34".format([5.0])',
    'compile',
    'could not parse formatting clause: error while parsing precision: could not find end of precision specifier',
  ),
  fails(
    'compile-time %e check',
    '"double is %e".format([true])',
    'compile',
    'error during formatting: scientific clause can only be used on doubles',
  ),
  fails(
    'compile-time %b check',
    '"string is %b".format(["a string"])',
    'compile',
    'error during formatting: only integers and bools can be formatted as binary',
  ),
  fails(
    'compile-time %x check',
    '"%x is a double".format([2.5])',
    'compile',
    'error during formatting: only integers, byte buffers, and strings can be formatted as hex',
  ),
  fails(
    'compile-time %X check',
    '"%X is a double".format([2.5])',
    'compile',
    'error during formatting: only integers, byte buffers, and strings can be formatted as hex',
  ),
  fails(
    'compile-time %o check',
    '"an octal: %o".format([3.14])',
    'compile',
    'error during formatting: octal clause can only be used on integers',
  ),
];
