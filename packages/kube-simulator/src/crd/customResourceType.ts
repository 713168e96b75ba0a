import { CustomVersion, ResourceType } from '../api/resources';
import { StatusCause } from '../api/status';
import { isPlainObject, JsonObject, KubeObject } from '../store/objects';

/** The parts of a CustomResourceDefinition's spec the simulator reads. */
interface CrdNames {
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames?: string[];
  categories?: string[];
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const strings = (v: unknown) =>
  Array.isArray(v)
    ? v.filter((s): s is string => typeof s === 'string')
    : undefined;

function specOf(crd: KubeObject): JsonObject {
  return isPlainObject(crd.spec) ? crd.spec : {};
}

function versionsOf(crd: KubeObject): JsonObject[] {
  const versions = specOf(crd).versions;
  return Array.isArray(versions) ? versions.filter(isPlainObject) : [];
}

/** `spec.names` with the API server's defaults: singular from the kind, listKind `<kind>List`. */
export function crdNames(crd: KubeObject): CrdNames {
  const names = isPlainObject(specOf(crd).names)
    ? (specOf(crd).names as JsonObject)
    : {};
  const kind = text(names.kind);
  return {
    plural: text(names.plural),
    singular: text(names.singular) || kind.toLowerCase(),
    kind,
    listKind: text(names.listKind) || (kind ? `${kind}List` : ''),
    ...(strings(names.shortNames)?.length
      ? { shortNames: strings(names.shortNames) }
      : {}),
    ...(strings(names.categories)?.length
      ? { categories: strings(names.categories) }
      : {}),
  };
}

/** Defaults the API server gives a CustomResourceDefinition on every write. */
export function applyCrdDefaults(crd: KubeObject): void {
  const spec = specOf(crd);
  if (isPlainObject(spec.names)) {
    const names = crdNames(crd);
    if (names.singular) spec.names.singular = names.singular;
    if (names.listKind) spec.names.listKind = names.listKind;
  }
  spec.conversion ??= { strategy: 'None' };
  crd.spec = spec;
}

/** The version served: the storage version when it is served, else the first served one. */
function servedVersion(crd: KubeObject): JsonObject | undefined {
  const served = versionsOf(crd).filter(v => v.served === true);
  return served.find(v => v.storage === true) ?? served[0];
}

function definitionOf(version: JsonObject): CustomVersion {
  const schema = isPlainObject(version.schema)
    ? version.schema.openAPIV3Schema
    : undefined;
  const columns = Array.isArray(version.additionalPrinterColumns)
    ? version.additionalPrinterColumns.filter(isPlainObject)
    : [];
  return {
    ...(isPlainObject(schema) ? { schema } : {}),
    printerColumns: columns.map(c => ({
      name: text(c.name),
      type: text(c.type),
      ...(c.format ? { format: text(c.format) } : {}),
      ...(c.description ? { description: text(c.description) } : {}),
      priority: typeof c.priority === 'number' ? c.priority : 0,
      jsonPath: text(c.jsonPath),
    })),
  };
}

/** The resource type a valid CustomResourceDefinition defines, or undefined when it serves no version. */
export function customResourceType(crd: KubeObject): ResourceType | undefined {
  const version = servedVersion(crd);
  if (!version) return undefined;
  const names = crdNames(crd);
  const subresources = isPlainObject(version.subresources)
    ? version.subresources
    : {};
  return {
    group: text(specOf(crd).group),
    version: text(version.name),
    kind: names.kind,
    plural: names.plural,
    singular: names.singular,
    namespaced: specOf(crd).scope === 'Namespaced',
    ...(names.shortNames ? { shortNames: names.shortNames } : {}),
    ...(names.categories ? { categories: names.categories } : {}),
    custom: true,
    statusSubresource: isPlainObject(subresources.status),
    nameRule: 'dns1123-subdomain',
    definition: definitionOf(version),
  };
}

const invalid = (
  field: string,
  value: unknown,
  problem: string,
): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${JSON.stringify(value)}: ${problem}`,
  field,
});
const required = (field: string, problem = ''): StatusCause => ({
  reason: 'FieldValueRequired',
  message: `Required value${problem ? `: ${problem}` : ''}`,
  field,
});

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

/** A subset of apiextensions' CRD validation, with its field paths and wording. */
export function checkCrdObject(crd: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = specOf(crd);
  const group = text(spec.group);
  const names = crdNames(crd);
  if (!group) causes.push(required('spec.group'));
  else if (!group.includes('.'))
    causes.push(
      invalid('spec.group', group, 'should be a domain with at least one dot'),
    );
  if (crd.metadata.name !== `${names.plural}.${group}`)
    causes.push(
      invalid(
        'metadata.name',
        crd.metadata.name,
        'must be spec.names.plural+"."+spec.group',
      ),
    );
  if (!names.plural) causes.push(required('spec.names.plural'));
  else if (!DNS_LABEL.test(names.plural))
    causes.push(
      invalid(
        'spec.names.plural',
        names.plural,
        'a lowercase RFC 1123 label is required',
      ),
    );
  if (!names.kind) causes.push(required('spec.names.kind'));
  else if (!KIND.test(names.kind))
    causes.push(
      invalid('spec.names.kind', names.kind, 'must be a valid Kind name'),
    );
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(
        spec.scope ?? '',
      )}: supported values: "Cluster", "Namespaced"`,
      field: 'spec.scope',
    });
  const versions = versionsOf(crd);
  if (versions.length === 0)
    causes.push(
      required(
        'spec.versions',
        'must have exactly one version marked as storage version',
      ),
    );
  else if (versions.filter(v => v.storage === true).length !== 1)
    causes.push(
      invalid(
        'spec.versions',
        versions,
        'must have exactly one version marked as storage version',
      ),
    );
  versions.forEach((v, i) => {
    if (!text(v.name) || !DNS_LABEL.test(text(v.name)))
      causes.push(
        invalid(
          `spec.versions[${i}].name`,
          v.name ?? '',
          'must be a DNS-1035 label',
        ),
      );
    const schema = isPlainObject(v.schema)
      ? v.schema.openAPIV3Schema
      : undefined;
    if (!isPlainObject(schema))
      causes.push(
        required(
          `spec.versions[${i}].schema.openAPIV3Schema`,
          'schemas are required',
        ),
      );
  });
  return causes;
}
