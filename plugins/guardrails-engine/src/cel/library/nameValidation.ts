/*
 * Kubernetes' name and value validations (k8s.io/apimachinery
 * pkg/util/validation and pkg/api/validation), with their exact messages:
 * the format library returns these messages to expressions.
 */
import { compileRegex, testRegex } from '../regex';

function regexError(
  message: string,
  pattern: string,
  ...examples: string[]
): string {
  if (examples.length === 0) {
    return `${message} (regex used for validation is '${pattern}')`;
  }
  const shown = examples.map(e => `'${e}', `).join(' or ');
  return `${message} (e.g. ${shown}regex used for validation is '${pattern}')`;
}

/** Go's len(): UTF-8 bytes. */
const byteLength = (s: string) => new TextEncoder().encode(s).length;

const maxLenError = (length: number) =>
  `must be no more than ${length} characters`;

function matchesWhole(pattern: string, text: string): boolean {
  // RE2 keeps matching linear in the text, however long the field.
  return testRegex(compileRegex(`^(?:${pattern})$`), text);
}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035 = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_MESSAGE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE = `(${QUALIFIED})?`;
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

export function isDns1123Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!matchesWhole(LABEL, value)) {
    errors.push(
      matchesWhole(SUBDOMAIN, value)
        ? 'must not contain dots'
        : regexError(LABEL_MESSAGE, LABEL, 'my-name', '123-abc'),
    );
  }
  return errors;
}

export function isDns1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!matchesWhole(SUBDOMAIN, value)) {
    errors.push(regexError(SUBDOMAIN_MESSAGE, SUBDOMAIN, 'example.com'));
  }
  return errors;
}

export function isDns1035Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!matchesWhole(DNS1035, value)) {
    errors.push(regexError(DNS1035_MESSAGE, DNS1035, 'my-name', 'abc-123'));
  }
  return errors;
}

export function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix === '') errors.push('prefix part must be non-empty');
    else
      errors.push(...isDns1123Subdomain(prefix).map(e => `prefix part ${e}`));
  } else {
    return [
      `a qualified name ${regexError(
        QUALIFIED_MESSAGE,
        QUALIFIED,
        'MyName',
        'my.name',
        '123-abc',
      )} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (byteLength(name) > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!matchesWhole(QUALIFIED, name)) {
    errors.push(
      `name part ${regexError(
        QUALIFIED_MESSAGE,
        QUALIFIED,
        'MyName',
        'my.name',
        '123-abc',
      )}`,
    );
  }
  return errors;
}

export function isLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!matchesWhole(LABEL_VALUE, value)) {
    errors.push(
      regexError(
        LABEL_VALUE_MESSAGE,
        LABEL_VALUE,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errors;
}

/** apimachinery's maskTrailingDash, quirk included: it drops two characters and appends 'a'. */
export function maskTrailingDash(name: string): string {
  return byteLength(name) > 1 && name.endsWith('-')
    ? `${name.slice(0, -2)}a`
    : name;
}
