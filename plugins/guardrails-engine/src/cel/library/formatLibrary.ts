import { Environment, Optional } from '@marcbachmann/cel-js';
import { GoUrlError, parseRequestUri } from './goUrl';
import { isValidDate, isValidDateTime, isValidStdBase64 } from './formatChecks';
import {
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isLabelValue,
  isQualifiedName,
  maskTrailingDash,
} from './nameValidation';

const SYNC = { async: false };

/** A named string format (the CEL type kubernetes.NamedFormat). */
export class NamedFormat {
  static readonly celTypeName = 'kubernetes.NamedFormat';

  constructor(
    readonly name: string,
    readonly validate: (text: string) => string[],
  ) {}

  equals(other: unknown): boolean {
    return other instanceof NamedFormat && other.name === this.name;
  }
}

const UUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

function uri(text: string): string[] {
  try {
    parseRequestUri(text);
    return [];
  } catch (error) {
    if (error instanceof GoUrlError) return [error.message];
    throw error;
  }
}

const check = (ok: (s: string) => boolean, message: string) => (s: string) =>
  ok(s) ? [] : [message];

/** The formats of k8s.io/apiserver/pkg/cel/library/format.go, by their CEL names. */
const FORMATS: Record<string, NamedFormat> = Object.fromEntries(
  (
    [
      ['dns1123Label', 'DNS1123Label', isDns1123Label],
      ['dns1123Subdomain', 'DNS1123Subdomain', isDns1123Subdomain],
      ['dns1035Label', 'DNS1035Label', isDns1035Label],
      ['qualifiedName', 'QualifiedName', isQualifiedName],
      [
        'dns1123LabelPrefix',
        'DNS1123LabelPrefix',
        (s: string) => isDns1123Label(maskTrailingDash(s)),
      ],
      [
        'dns1123SubdomainPrefix',
        'DNS1123SubdomainPrefix',
        (s: string) => isDns1123Subdomain(maskTrailingDash(s)),
      ],
      [
        'dns1035LabelPrefix',
        'DNS1035LabelPrefix',
        (s: string) => isDns1035Label(maskTrailingDash(s)),
      ],
      ['labelValue', 'LabelValue', isLabelValue],
      ['uri', 'URI', uri],
      [
        'uuid',
        'uuid',
        check(s => UUID.test(s), 'does not match the UUID format'),
      ],
      ['byte', 'byte', check(isValidStdBase64, 'invalid base64')],
      ['date', 'date', check(isValidDate, 'invalid date')],
      ['datetime', 'datetime', check(isValidDateTime, 'invalid datetime')],
    ] as Array<[string, string, (s: string) => string[]]>
  ).map(([key, name, validate]) => [key, new NamedFormat(name, validate)]),
);

class FormatNamespace {}

/** Kubernetes' format library: format.named(), format.<name>() and validate(). */
export function registerFormatLibrary(env: Environment): void {
  const F = NamedFormat.celTypeName;
  env.registerType(F, { ctor: NamedFormat, fields: {} });
  env.registerOperator(`${F} == ${F}`, (a: NamedFormat, b: NamedFormat) =>
    a.equals(b),
  );
  env.registerType('FormatNamespace', FormatNamespace);
  env.registerConstant('format', 'FormatNamespace', new FormatNamespace());
  env.registerFunction(
    `FormatNamespace.named(string): optional<${F}>`,
    (_: FormatNamespace, name: string) =>
      Object.hasOwn(FORMATS, name)
        ? Optional.of(FORMATS[name])
        : Optional.none(),
    SYNC,
  );
  for (const [name, format] of Object.entries(FORMATS)) {
    env.registerFunction(`FormatNamespace.${name}(): ${F}`, () => format, SYNC);
  }
  env.registerFunction(
    `${F}.validate(string): optional<list<string>>`,
    (format: NamedFormat, text: string) => {
      const errors = format.validate(text);
      return errors.length ? Optional.of(errors) : Optional.none();
    },
    SYNC,
  );
}
