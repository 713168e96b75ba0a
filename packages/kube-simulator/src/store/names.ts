import { NameRule } from '../api/resources';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Problems with a name under the given rule, worded as the API server words them; empty when valid. */
export function nameProblems(name: string, rule: NameRule): string[] {
  const problems: string[] = [];
  switch (rule) {
    case 'dns1123-label':
      if (name.length > 63) problems.push('must be no more than 63 characters');
      if (!LABEL.test(name)) {
        problems.push(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        );
      }
      break;
    case 'dns1035-label':
      if (name.length > 63) problems.push('must be no more than 63 characters');
      if (!DNS1035.test(name)) {
        problems.push(
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        );
      }
      break;
    case 'dns1123-subdomain':
      if (name.length > 253)
        problems.push('must be no more than 253 characters');
      if (!SUBDOMAIN.test(name)) {
        problems.push(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        );
      }
      break;
    case 'path-segment':
      if (name === '.' || name === '..') problems.push(`may not be '${name}'`);
      if (name.includes('/')) problems.push("may not contain '/'");
      if (name.includes('%')) problems.push("may not contain '%'");
      break;
    default:
      throw new Error(`unknown name rule ${rule satisfies never}`);
  }
  return problems;
}

/** Problems with a label or annotation key (`[prefix/]name`); empty when valid. */
export function qualifiedKeyProblems(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/'",
    ];
  }
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  const problems: string[] = [];
  if (prefix !== undefined) {
    if (prefix.length === 0) problems.push('prefix part must be non-empty');
    else if (prefix.length > 253 || !SUBDOMAIN.test(prefix)) {
      problems.push('prefix part must be a lowercase RFC 1123 subdomain');
    }
  }
  if (name.length === 0) problems.push('name part must be non-empty');
  else if (name.length > 63)
    problems.push('name part must be no more than 63 characters');
  else if (!QUALIFIED_NAME.test(name)) {
    problems.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  }
  return problems;
}

/** Problems with a label value; empty when valid. */
export function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value)) {
    problems.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return problems;
}
