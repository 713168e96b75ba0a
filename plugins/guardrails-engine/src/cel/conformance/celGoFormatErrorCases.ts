/*
 * Ported from google/cel-go: ext/formatting_test.go (TestStringFormat), the
 * cases that fail, run at strings version 3, whose format() is the one Kubernetes enables
 * (ext.Strings version 2) — with the en_US locale Kubernetes uses and no
 * protobuf messages. Errors cel-go's test expects at compile time must be
 * compile errors here too; the others (which that test reaches by turning the
 * compile-time check off, as Kubernetes does not) may be either.
 */
import { KubernetesCase, fails } from './kubernetesCase';

export const CEL_GO_FORMAT_ERROR_CASES: KubernetesCase[] = [
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
