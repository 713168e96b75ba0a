/*
 * Ported from Kubernetes:
 * staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation_test.go
 * (TestValidationExpressions): the list, regex and URL library groups.
 */
import { KubernetesCase, rules } from './kubernetesCase';

// durations and dates are declared with format: duration and format: date.
const LISTS = {
  ints: [1, 2, 2, 3],
  unsortedInts: [2, 1],
  emptyInts: [],
  doubles: [1, 2, 2, 3],
  unsortedDoubles: [2, 1],
  emptyDoubles: [],
  intBackedDoubles: [1, 2, 2, 3],
  unsortedIntBackedDDoubles: [2, 1],
  emptyIntBackedDDoubles: [],
  durations: ['1s', '1m', '1m', '1h'],
  unsortedDurations: ['1m', '1s'],
  emptyDurations: [],
  strings: ['a', 'b', 'b', 'c'],
  unsortedStrings: ['b', 'a'],
  emptyStrings: [],
  dates: ['2000-01-01', '2000-02-01', '2000-02-01', '2010-01-01'],
  unsortedDates: ['2000-02-01', '2000-01-01'],
  emptyDates: [],
  objs: [
    { f1: 'a', f2: 'a' },
    { f1: 'a', f2: 'b' },
    { f1: 'a', f2: 'b' },
    { f1: 'a', f2: 'c' },
  ],
};

/** The same eleven rules Kubernetes checks for each kind of list. */
function listRules(
  list: string,
  [one, two, three, missing]: string[],
  sum?: string,
): string[] {
  const cap = list[0].toUpperCase() + list.slice(1);
  return [
    ...(sum ? [`self.${list}.sum() == ${sum}`] : []),
    `self.${list}.min() == ${one}`,
    `self.${list}.max() == ${three}`,
    `self.${list}.isSorted()`,
    `self.empty${cap}.isSorted()`,
    `self.unsorted${cap}.isSorted() == false`,
    `self.${list}.indexOf(${two}) == 1`,
    `self.${list}.lastIndexOf(${two}) == 2`,
    `self.${list}.indexOf(${missing}) == -1`,
    `self.${list}.lastIndexOf(${missing}) == -1`,
  ];
}

export const VALIDATION_LIBRARY_CASES: KubernetesCase[] = [
  ...rules(
    'stdlib list functions',
    LISTS,
    [
      ...listRules('ints', ['1', '2', '3', '10'], '8'),
      'self.emptyInts.sum() == 0',
      ...listRules('doubles', ['1.0', '2.0', '3.0', '10.0'], '8.0'),
      'self.emptyDoubles.sum() == 0.0',
      'self.intBackedDoubles.sum() == 8.0',
      'self.intBackedDoubles.min() == 1.0',
      'self.intBackedDoubles.max() == 3.0',
      'self.emptyIntBackedDDoubles.sum() == 0.0',
      'self.intBackedDoubles.isSorted()',
      'self.unsortedIntBackedDDoubles.isSorted() == false',
      'self.intBackedDoubles.indexOf(2.0) == 1',
      'self.intBackedDoubles.lastIndexOf(2.0) == 2',
      'self.intBackedDoubles.indexOf(10.0) == -1',
      'self.intBackedDoubles.lastIndexOf(10.0) == -1',
      ...listRules(
        'durations',
        [
          "duration('1s')",
          "duration('1m')",
          "duration('1h')",
          "duration('2m')",
        ],
        "duration('1h2m1s')",
      ),
      "self.emptyDurations.sum() == duration('0')",
      ...listRules('strings', ["'a'", "'b'", "'c'", "'x'"]),
      ...listRules('dates', [
        "timestamp('2000-01-01T00:00:00.000Z')",
        "timestamp('2000-02-01T00:00:00.000Z')",
        "timestamp('2010-01-01T00:00:00.000Z')",
        "timestamp('2005-02-01T00:00:00.000Z')",
      ]),
      '[[1], [2]].indexOf([1]) == 0',
      "[{'a': 1}, {'b': 2}].lastIndexOf({'b': 2}) == 1",
      'self.objs.indexOf(self.objs[1]) == 1',
      'self.objs.lastIndexOf(self.objs[1]) == 2',
      '([0] + self.emptyInts).min() == 0',
      'dyn([]).sum() == 0',
      'dyn([1, 2]).sum() == 3',
      'dyn([1.0, 2.0]).sum() == 3.0',
    ],
    {
      'self.emptyInts.min() == 1': 'min called on empty list',
      'self.emptyInts.max() == 3': 'max called on empty list',
      'self.emptyDoubles.min() == 1.0': 'min called on empty list',
      'self.emptyDoubles.max() == 3.0': 'max called on empty list',
      "self.emptyStrings.min() == 'a'": 'min called on empty list',
      "self.emptyStrings.max() == 'c'": 'max called on empty list',
      "['a', 'b'].sum() == 'c'":
        "found no matching overload for 'sum' applied to 'list(string).()",
      '[[1], [2]].min() == [1]':
        "found no matching overload for 'min' applied to 'list(list(int)).()",
      "[{'a': 1}, {'b': 2}].max() == {'b': 2}":
        "found no matching overload for 'max' applied to 'list(map(string, int)).()",
    },
  ),
  ...rules(
    'stdlib regex functions',
    { str: 'this is a 123 string 456' },
    [
      "self.str.find('[0-9]+') == '123'",
      "self.str.find('[0-9]+') != '456'",
      "self.str.find('xyz') == ''",
      "self.str.findAll('[0-9]+') == ['123', '456']",
      "self.str.findAll('[0-9]+', 0) == []",
      "self.str.findAll('[0-9]+', 1) == ['123']",
      "self.str.findAll('[0-9]+', 2) == ['123', '456']",
      "self.str.findAll('[0-9]+', 3) == ['123', '456']",
      "self.str.findAll('[0-9]+', -1) == ['123', '456']",
      "self.str.findAll('xyz') == []",
      "self.str.findAll('xyz', 1) == []",
    ],
    {
      "self.str.find(')') == ''": 'error parsing regexp: unexpected ): `)`',
      "self.str.findAll(')') == []": 'error parsing regexp: unexpected ): `)`',
      "self.str.findAll(')', 1) == []":
        'error parsing regexp: unexpected ): `)`',
    },
  ),
  ...rules(
    'URL parsing',
    {
      url: 'https://user:pass@kubernetes.io:80/docs/home?k1=a&k2=b&k2=c#anchor',
    },
    [
      "url('/path').getScheme() == ''",
      "url('https://example.com/').getScheme() == 'https'",
      "url('https://example.com:80/').getHost() == 'example.com:80'",
      "url('https://example.com/').getHost() == 'example.com'",
      "url('https://[::1]:80/').getHost() == '[::1]:80'",
      "url('https://[::1]/').getHost() == '[::1]'",
      "url('/path').getHost() == ''",
      "url('https://example.com:80/').getHostname() == 'example.com'",
      "url('https://127.0.0.1/').getHostname() == '127.0.0.1'",
      "url('https://[::1]/').getHostname() == '::1'",
      "url('/path').getHostname() == ''",
      "url('https://example.com:80/').getPort() == '80'",
      "url('https://example.com/').getPort() == ''",
      "url('/path').getPort() == ''",
      "url('https://example.com/path').getEscapedPath() == '/path'",
      "url('https://example.com/with space/').getEscapedPath() == '/with%20space/'",
      "url('https://example.com').getEscapedPath() == ''",
      "url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == { 'k1': ['a'], 'k2': ['b', 'c']}",
      "url('https://example.com/path?key with spaces=value with spaces').getQuery() == { 'key with spaces': ['value with spaces']}",
      "url('https://example.com/path?').getQuery() == {}",
      "url('https://example.com/path').getQuery() == {}",
      "url(self.url).getScheme() == 'https'",
      "url(self.url).getHost() == 'kubernetes.io:80'",
      "url(self.url).getHostname() == 'kubernetes.io'",
      "url(self.url).getPort() == '80'",
      "url(self.url).getEscapedPath() == '/docs/home'",
      "url(self.url).getQuery() == {'k1': ['a'], 'k2': ['b', 'c']}",
      "isURL('https://user:pass@example.com:80/path?query=val#fragment')",
      "isURL('/path') == true",
      "isURL('https://a:b:c/') == false",
      "isURL('../relative-path') == false",
    ],
  ),
];
