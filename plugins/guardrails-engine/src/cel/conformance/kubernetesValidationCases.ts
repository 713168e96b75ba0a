/*
 * Ported from Kubernetes:
 * staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation_test.go
 * (TestValidationExpressions): the groups whose data is plain JSON. Each rule
 * must hold for `self`; each error rule must fail. Groups that need OpenAPI
 * formats, list types or field escaping are ported too; where the engine,
 * which has no schema, cannot behave the same, the case is a known failure.
 */
import { KubernetesCase, rules } from './kubernetesCase';

/** `{val1: a, val2: b, …}`, as the Kubernetes test's objs() builds it. */
function vals(...values: unknown[]): Record<string, unknown> {
  return Object.fromEntries(values.map((v, i) => [`val${i + 1}`, v]));
}

/** The Kubernetes test's ValsEqualThemselvesAndDataLiteral(). */
function equalAndLiteral(a: string, b: string, literal: string): string {
  return `${a} == ${literal} && ${literal} == ${a} && ${a} == ${b}`;
}

const MAX_INT64 = 9223372036854775807n;
const MAX_INT32 = 2147483647n;
const MAX_FLOAT32 = 3.4028234663852886e38;
const fixed = (n: number) => `${BigInt(n)}.000000`;

export const VALIDATION_CASES: KubernetesCase[] = [
  ...rules(
    'integers',
    vals(MAX_INT64, MAX_INT64, MAX_INT32, MAX_INT32, MAX_INT64, MAX_INT64),
    [
      equalAndLiteral('self.val1', 'self.val2', `${MAX_INT64}`),
      equalAndLiteral('self.val3', 'self.val4', `${MAX_INT32}`),
      equalAndLiteral('self.val5', 'self.val6', `${MAX_INT64}`),
      'self.val1 == self.val6',
      'type(self.val1) == int',
      `self.val3 + 1 == ${MAX_INT32} + 1`,
      'type(self.val3) == int',
      'type(self.val5) == int',
    ],
    {
      'self.val1 + 1 == 0': 'integer overflow',
      'self.val5 + 1 == 0': 'integer overflow',
      '1 / 0 == 1 / 0': 'division by zero',
    },
  ),
  ...rules(
    'numbers',
    vals(
      Number.MAX_VALUE,
      Number.MAX_VALUE,
      MAX_FLOAT32,
      MAX_FLOAT32,
      Number.MAX_VALUE,
      Number.MAX_VALUE,
      1,
    ),
    [
      equalAndLiteral('self.val1', 'self.val2', fixed(Number.MAX_VALUE)),
      equalAndLiteral('self.val3', 'self.val4', fixed(MAX_FLOAT32)),
      equalAndLiteral('self.val5', 'self.val6', fixed(Number.MAX_VALUE)),
      'self.val1 == self.val6',
      'type(self.val1) == double',
      'type(self.val3) == double',
      'type(self.val5) == double',
      'type(self.val7) == double',
      'self.val7 == 1.0',
    ],
  ),
  ...rules(
    'numeric comparisons',
    vals(5, 10, 15, 10, 10, 10, 10, 10, 10),
    [4, 5, 6, 7, 8, 9]
      .flatMap(n => [
        `double(self.val1) < self.val${n}`,
        `double(self.val2) == self.val${n}`,
        `double(self.val3) > self.val${n}`,
        `self.val1 < int(self.val${n})`,
        `self.val2 == int(self.val${n})`,
        `self.val3 > int(self.val${n})`,
      ])
      .concat([
        'double(self.val1) <= self.val4',
        'double(self.val2) <= self.val4',
        'double(self.val2) >= self.val4',
        'double(self.val3) >= self.val4',
        'double(5) < 10.0',
        'double(10) == 10.0',
        'double(15) > 10.0',
        '5 < int(10.0)',
        '10 == int(10.0)',
        '15 > int(10.0)',
        'double(self.val1) < 10.0',
        'double(self.val2) == 10.0',
        'double(self.val3) > 10.0',
      ]),
  ),
  ...rules(
    'unicode strings',
    vals('Rook takes 👑', 'Rook takes 👑'),
    [
      equalAndLiteral('self.val1', 'self.val2', "'Rook takes 👑'"),
      "self.val1.startsWith('Rook')",
      "!self.val1.startsWith('knight')",
      "self.val1.contains('takes')",
      "!self.val1.contains('gives')",
      "self.val1.endsWith('👑')",
      "!self.val1.endsWith('pawn')",
      "self.val1.matches('^[^0-9]*$')",
      "!self.val1.matches('^[0-9]*$')",
      'type(self.val1) == string',
      'size(self.val1) == 12',
      "self.val1.charAt(3) == 'k'",
      "self.val1.indexOf('o') == 1",
      "self.val1.indexOf('o', 2) == 2",
      "self.val1.replace(' ', 'x') == 'Rookxtakesx👑'",
      "self.val1.replace(' ', 'x', 1) == 'Rookxtakes 👑'",
      "self.val1.split(' ') == ['Rook', 'takes', '👑']",
      "self.val1.split(' ', 2) == ['Rook', 'takes 👑']",
      "self.val1.substring(5) == 'takes 👑'",
      "self.val1.substring(0, 4) == 'Rook'",
      "self.val1.substring(4, 10).trim() == 'takes'",
      "self.val1.upperAscii() == 'ROOK TAKES 👑'",
      "self.val1.lowerAscii() == 'rook takes 👑'",
    ],
    { "self.val1.matches(')')": 'error parsing regexp: unexpected ): `)`' },
  ),
  ...rules('escaped strings', vals('l1\nl2', 'l1\nl2'), [
    equalAndLiteral('self.val1', 'self.val2', "'l1\\nl2'"),
    "self.val1 == '''l1\nl2'''",
  ]),
  ...rules('booleans', vals(true, true, false, false), [
    equalAndLiteral('self.val1', 'self.val2', 'true'),
    equalAndLiteral('self.val3', 'self.val4', 'false'),
    'self.val1 != self.val4',
    'type(self.val1) == bool',
  ]),
  // The schema declares val1 and val2 with format: byte, so Kubernetes
  // decodes them from base64.
  ...rules('bytes', vals('QUI=', 'QUI='), [
    'self.val1 == self.val2',
    "self.val1 == b'AB'",
    "self.val1 == bytes('AB')",
    "self.val1 == b'\\x41\\x42'",
    'type(self.val1) == bytes',
    'size(self.val1) == 2',
  ]),
  // format: duration.
  ...rules('duration format', vals('1h2m3s4ms', '1h2m3s4ms'), [
    equalAndLiteral('self.val1', 'self.val2', "duration('1h2m3s4ms')"),
    "self.val1 == duration('1h2m') + duration('3s4ms')",
    'self.val1.getHours() == 1',
    'self.val1.getMinutes() == 62',
    'self.val1.getSeconds() == 3723',
    'self.val1.getMilliseconds() == 3723004',
    'type(self.val1) == google.protobuf.Duration',
  ]),
  // format: date.
  ...rules('date format', vals('1997-07-16', '1997-07-16'), [
    equalAndLiteral(
      'self.val1',
      'self.val2',
      "timestamp('1997-07-16T00:00:00.000Z')",
    ),
    'self.val1.getDate() == 16',
    'self.val1.getMonth() == 06',
    'self.val1.getFullYear() == 1997',
    'type(self.val1) == google.protobuf.Timestamp',
  ]),
  // format: date-time.
  ...rules(
    'date-time format',
    vals(
      '2011-08-18T19:03:37.010000000+01:00',
      '2011-08-18T19:03:37.010000000+01:00',
    ),
    [
      equalAndLiteral(
        'self.val1',
        'self.val2',
        "timestamp('2011-08-18T19:03:37.010+01:00')",
      ),
      "self.val1 == timestamp('2011-08-18T00:00:00.000+01:00') + duration('19h3m37s10ms')",
      "self.val1.getDate('01:00') == 18",
      "self.val1.getMonth('01:00') == 7",
      "self.val1.getFullYear('01:00') == 2011",
      "self.val1.getHours('01:00') == 19",
      "self.val1.getMinutes('01:00') == 03",
      "self.val1.getSeconds('01:00') == 37",
      "self.val1.getMilliseconds('01:00') == 10",
      "self.val1.getHours('UTC') == 18",
      'type(self.val1) == google.protobuf.Timestamp',
    ],
  ),
  ...rules('enums', { enumStr: 'Pending' }, [
    "self.enumStr == 'Pending'",
    "self.enumStr in ['Pending', 'Available']",
  ]),
  // val2 to val4 are `number`, val9 `format: duration`, val11 `format: date-time`, val13 `format: date`.
  ...rules(
    'conversions',
    vals(
      10,
      10,
      10.49,
      10.5,
      true,
      '10',
      'MTA=',
      '3723.004s',
      '1h2m3s4ms',
      '2011-08-18T19:03:37.01+01:00',
      '2011-08-18T19:03:37.01+01:00',
      '2011-08-18T00:00:00Z',
      '2011-08-18',
    ),
    [
      'int(self.val2) == self.val1',
      'int(self.val3) == self.val1',
      'int(self.val4) == self.val1',
      'int(self.val6) == self.val1',
      'double(self.val1) == self.val2',
      'double(self.val6) == self.val2',
      'bytes(self.val6) == self.val7',
      'string(self.val1) == self.val6',
      "string(self.val2) == '10'",
      "string(self.val3) == '10.49'",
      "string(self.val4) == '10.5'",
      "string(self.val5) == 'true'",
      'string(self.val7) == self.val6',
      'duration(self.val8) == self.val9',
      'string(self.val9) == self.val8',
      'timestamp(self.val10) == self.val11',
      'string(self.val11) == self.val10',
      'timestamp(self.val12) == self.val13',
      'string(self.val13) == self.val12',
    ],
  ),
];
