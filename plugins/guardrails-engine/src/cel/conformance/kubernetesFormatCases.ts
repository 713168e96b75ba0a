/*
 * Ported from Kubernetes: staging/src/k8s.io/apiserver/pkg/cel/library/format_test.go (TestFormat).
 */
import { KubernetesCase, holds } from './kubernetesCase';

const FORMAT_NAMES = [
  'dns1123Label',
  'dns1123Subdomain',
  'dns1035Label',
  'qualifiedName',
  'dns1123LabelPrefix',
  'dns1123SubdomainPrefix',
  'dns1035LabelPrefix',
  'labelValue',
  'uri',
  'uuid',
  'byte',
  'date',
  'datetime',
];

const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** `format.<name>().validate(text)` must give optional.none() (valid) or these messages. */
function validates(
  name: string,
  format: string,
  text: string,
  messages: string[] | null = null,
): KubernetesCase {
  return {
    name,
    expr: `format.${format}().validate(${JSON.stringify(text)})`,
    expect: { optional: messages },
  };
}

export const FORMAT_CASES: KubernetesCase[] = [
  validates('example_usage_dns1123Label', 'dns1123Label', 'my-label-name'),
  validates(
    'example_usage_dns1123Subdomain',
    'dns1123Subdomain',
    'apiextensions.k8s.io',
  ),
  validates(
    'example_usage_qualifiedName',
    'qualifiedName',
    'apiextensions.k8s.io/v1beta1',
  ),
  validates(
    'example_usage_dns1123LabelPrefix',
    'dns1123LabelPrefix',
    'my-label-prefix-',
  ),
  validates(
    'example_usage_dns1123SubdomainPrefix',
    'dns1123SubdomainPrefix',
    'mysubdomain.prefix.-',
  ),
  validates(
    'example_usage_dns1035LabelPrefix',
    'dns1035LabelPrefix',
    'my-label-prefix-',
  ),
  validates('example_usage_uri', 'uri', 'http://example.com'),
  validates(
    'example_usage_uuid',
    'uuid',
    '123e4567-e89b-12d3-a456-426614174000',
  ),
  validates('example_usage_byte', 'byte', 'aGVsbG8='),
  validates('example_usage_date', 'date', '2021-01-01'),
  validates('example_usage_datetime', 'datetime', '2021-01-01T00:00:00Z'),
  validates('dns1123Label', 'dns1123Label', 'contains a space', [LABEL]),
  validates('dns1123Subdomain', 'dns1123Subdomain', 'contains a space', [
    SUBDOMAIN,
  ]),
  validates('dns1035Label', 'dns1035Label', 'contains a space', [DNS1035]),
  validates('qualifiedName', 'qualifiedName', 'contains a space', [
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ]),
  validates('dns1123LabelPrefix', 'dns1123LabelPrefix', 'contains a space-', [
    LABEL,
  ]),
  validates(
    'dns1123SubdomainPrefix',
    'dns1123SubdomainPrefix',
    'contains a space-',
    [SUBDOMAIN],
  ),
  validates('dns1035LabelPrefix', 'dns1035LabelPrefix', 'contains a space-', [
    DNS1035,
  ]),
  validates('dns1123Label_Success', 'dns1123Label', 'my-label-name'),
  validates('dns1123Subdomain_Success', 'dns1123Subdomain', 'example.com'),
  validates('dns1035Label_Success', 'dns1035Label', 'my-label-name'),
  validates('qualifiedName_Success', 'qualifiedName', 'my.name'),
  validates('byte_success', 'byte', 'aGVsbG8='),
  validates('byte_failure', 'byte', 'aGVsbG8', ['invalid base64']),
  validates('date_success', 'date', '2020-01-01'),
  validates('date_failure', 'date', '2020-01-32', ['invalid date']),
  validates('datetime_success', 'datetime', '2020-01-01T00:00:00Z'),
  validates('datetime_failure', 'datetime', '2020-01-32T00:00:00Z', [
    'invalid datetime',
  ]),
  holds('unknown_format', 'format.named("unknown").hasValue()', false),
  validates('labelValue_success', 'labelValue', 'my-cool-label-Value'),
  validates(
    'labelValue_failure',
    'labelValue',
    'my-cool-label-Value!!\n\n!!!',
    [
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ),
  // Every named format is found by name, equals itself and no other.
  ...FORMAT_NAMES.flatMap(left => [
    holds(`lookup ${left}`, `format.named("${left}").hasValue()`),
    holds(
      `lookup ${left} equals format.${left}()`,
      `format.named("${left}").value() == format.${left}()`,
    ),
    ...FORMAT_NAMES.filter(right => right !== left).map(right =>
      holds(
        `compare_${left}_${right}`,
        `format.${left}() == format.${right}()`,
        false,
      ),
    ),
  ]),
];
