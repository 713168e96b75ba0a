/*
 * string.format() as Kubernetes runs it: cel-go's strings extension at
 * version 2, whose formatter (ext/formatting.go, stringFormatter) prints
 * numbers through golang.org/x/text with the en_US locale. %s of a list or
 * map prints CEL literals ("a", 3.140000, duration("1s")).
 */
import { EvaluationError } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { Quantity } from '../quantity';
import { formatDuration, formatTimestamp } from '../time';
import { fixedParts, formatFixed, formatG, scientificParts } from './goNumbers';
import { goQuote } from './goQuote';

export class FormatError extends Error {}

/** A clause of a format string: its verb and precision. */
export interface Clause {
  verb: string;
  precision?: number;
}

const VERBS = 'sdfebxXo';

/** Splits a format string into literal text and clauses; syntax errors throw FormatError. */
export function parseFormat(format: string): Array<string | Clause> {
  const parts: Array<string | Clause> = [];
  let text = '';
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      text += format[i];
      continue;
    }
    i++;
    if (i >= format.length) throw new FormatError('unexpected end of string');
    if (format[i] === '%') {
      text += '%';
      continue;
    }
    let precision: number | undefined;
    if (format[i] === '.') {
      const digits = /^[0-9]*/.exec(format.slice(i + 1))![0];
      i += 1 + digits.length;
      if (i >= format.length) {
        throw new FormatError(
          'could not parse formatting clause: error while parsing precision: could not find end of precision specifier',
        );
      }
      precision = Number(digits || '0');
    }
    if (!VERBS.includes(format[i])) {
      throw new FormatError(
        `could not parse formatting clause: unrecognized formatting clause "${format[i]}"`,
      );
    }
    parts.push(text, { verb: format[i], precision });
    text = '';
  }
  parts.push(text);
  return parts;
}

/** The CEL type name used in formatting errors. */
export function typeNameOf(value: unknown): string {
  if (value === null) return 'null_type';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (value instanceof UnsignedInt) return 'uint';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Date) return 'google.protobuf.Timestamp';
  if (value instanceof Duration) return 'google.protobuf.Duration';
  if (Array.isArray(value)) return 'list';
  const named = (value as { constructor?: { celTypeName?: string } })
    .constructor?.celTypeName;
  if (named) return named;
  if (value instanceof Quantity) return 'kubernetes.Quantity';
  return typeof value === 'object' && value.constructor?.name === 'Type'
    ? 'type'
    : 'map';
}

function clauseError(message: string, value: unknown): FormatError {
  return new FormatError(
    `error during formatting: ${message}, was given ${typeNameOf(value)}`,
  );
}

const STRING_CLAUSE =
  'string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps';

function isType(value: unknown): value is { name: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    value.constructor?.name === 'Type'
  );
}

function entriesOf(value: object): Array<[unknown, unknown]> | undefined {
  if (value instanceof Map) return [...value.entries()];
  if (Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value);
  return undefined;
}

/** %s, and the text of scalars inside lists and maps before quoting. */
function asString(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'number':
      return formatG(value);
    default:
  }
  if (value instanceof UnsignedInt) return String(value.valueOf());
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value instanceof Date) return formatTimestamp(value);
  if (value instanceof Duration) return formatDuration(value);
  if (isType(value)) return value.name === 'null' ? 'null_type' : value.name;
  if (Array.isArray(value)) return `[${value.map(asLiteral).join(', ')}]`;
  const entries =
    typeof value === 'object' ? entriesOf(value as object) : undefined;
  if (entries) {
    const shown = entries.map(([k, v]) => [asLiteral(k), asLiteral(v)]);
    shown.sort(([a], [b]) => (a < b ? -1 : Number(a > b)));
    return `{${shown.map(([k, v]) => `${k}:${v}`).join(', ')}}`;
  }
  throw clauseError(STRING_CLAUSE, value);
}

/** An element of a list or map under %s: a CEL literal. */
function asLiteral(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (value instanceof Uint8Array) return `b${goQuote(asString(value))}`;
  if (typeof value === 'number') {
    const text = formatFixed(value, 6);
    return Number.isFinite(value) ? text : goQuote(text);
  }
  if (value instanceof Date)
    return `timestamp(${goQuote(formatTimestamp(value))})`;
  if (value instanceof Duration)
    return `duration(${goQuote(formatDuration(value))})`;
  return asString(value);
}

function localeNumber(value: unknown, name: string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity')
    return Number(value);
  throw clauseError(`${name} clause can only be used on doubles`, value);
}

function grouped(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+$)/g, ',');
}

function infinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  return undefined;
}

/** %f through x/text with en_US: grouped thousands, ∞ for infinity. */
function fixed(value: unknown, precision = 6): string {
  const x = localeNumber(value, 'fixed-point');
  const special = infinite(x);
  if (special) return special;
  const [sign, whole, fraction] = fixedParts(x, precision);
  return `${sign}${grouped(whole)}${precision > 0 ? `.${fraction}` : ''}`;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** %e through x/text with en_US: 2.718280 × 10⁰⁰. */
function scientific(value: unknown, precision = 6): string {
  const x = localeNumber(value, 'scientific');
  const special = infinite(x);
  if (special) return special;
  const [sign, digits, exponent] = scientificParts(x, precision);
  const mantissa = precision > 0 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const power = String(Math.abs(exponent))
    .padStart(2, '0')
    .replace(/\d/g, d => SUPERSCRIPT[Number(d)]);
  return `${sign}${mantissa}\u202f×\u202f10${exponent < 0 ? '⁻' : ''}${power}`;
}

function integer(value: unknown, message: string, allowBool = false): bigint {
  if (typeof value === 'bigint') return value;
  if (value instanceof UnsignedInt) return value.valueOf();
  if (allowBool && typeof value === 'boolean') return value ? 1n : 0n;
  throw clauseError(message, value);
}

function hex(value: unknown, upper: boolean): string {
  let text: string;
  if (typeof value === 'string' || value instanceof Uint8Array) {
    const bytes =
      typeof value === 'string' ? new TextEncoder().encode(value) : value;
    text = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
  } else {
    text = integer(
      value,
      'only integers, byte buffers, and strings can be formatted as hex',
    ).toString(16);
  }
  return upper ? text.toUpperCase() : text;
}

/** One clause applied to one argument. */
export function formatClause(clause: Clause, value: unknown): string {
  switch (clause.verb) {
    case 's':
      return asString(value);
    case 'd':
      return String(
        integer(value, 'decimal clause can only be used on integers'),
      );
    case 'f':
      return fixed(value, clause.precision);
    case 'e':
      return scientific(value, clause.precision);
    case 'b':
      return integer(
        value,
        'only integers and bools can be formatted as binary',
        true,
      ).toString(2);
    case 'o':
      return integer(
        value,
        'octal clause can only be used on integers',
      ).toString(8);
    default:
      return hex(value, clause.verb === 'X');
  }
}

/** `format`.format(args). */
export function formatString(format: string, args: unknown[]): string {
  let out = '';
  let next = 0;
  for (const part of parseFormat(format)) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    if (next >= args.length)
      throw new FormatError(`index ${next} out of range`);
    out += formatClause(part, args[next++]);
  }
  return out;
}

export function evaluationFormat(format: string, args: unknown[]): string {
  try {
    return formatString(format, args);
  } catch (error) {
    if (error instanceof FormatError) throw new EvaluationError(error.message);
    throw error;
  }
}
