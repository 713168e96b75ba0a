import {
  Exemption,
  EXEMPTION_REASONS,
  ExemptionResource,
  ExemptionScope,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import { DAY_MS, parseInstant } from '../time';
import { FieldPath } from './fieldPath';
import { FieldReader, Mapping } from './fieldReader';
import {
  environmentNamePattern,
  guardrailIdPattern,
  namespaceNamePattern,
} from './names';
import { ReadOptions } from './readOptions';

const SPEC_FIELDS = [
  'guardrails',
  'scope',
  'reason',
  'justification',
  'owner',
  'approvedBy',
  'expiresAt',
];

/** Reads the spec of a `GuardrailExemption` document. */
export function readExemption(
  name: string,
  spec: Mapping,
  reader: FieldReader,
  options: ReadOptions,
): Exemption | undefined {
  const path: FieldPath = ['spec'];
  reader.onlyKeys(spec, path, SPEC_FIELDS);
  const guardrails = reader.stringList(spec, 'guardrails', path, {
    required: true,
    nonEmpty: true,
    pattern: guardrailIdPattern,
  });
  const scope = reader.present(spec, 'scope', path, true)
    ? readScope(spec.scope, [...path, 'scope'], reader, options)
    : undefined;
  const reason = reader.oneOf(spec, 'reason', path, EXEMPTION_REASONS, {
    required: true,
  });
  const justification = reader.string(spec, 'justification', path, {
    required: true,
  });
  const owner = readEntityRef(spec, 'owner', reader);
  const approvedBy = readEntityRef(spec, 'approvedBy', reader);
  const expiresAt = readExpiry(spec, reader, options);
  if (
    !guardrails ||
    !scope ||
    !reason ||
    !justification ||
    !owner ||
    !approvedBy ||
    !expiresAt
  ) {
    return undefined;
  }
  return {
    name,
    guardrails,
    scope,
    reason,
    justification,
    owner,
    approvedBy,
    expiresAt,
  };
}

function readEntityRef(
  mapping: Mapping,
  key: string,
  reader: FieldReader,
  path: FieldPath = ['spec'],
): string | undefined {
  const ref = reader.string(mapping, key, path, { required: true });
  if (ref === undefined) {
    return undefined;
  }
  const normalized = normalizeEntityRef(ref);
  if (!normalized) {
    reader.report(
      [...path, key],
      `"${ref}" is not an entity ref (kind:namespace/name)`,
    );
  }
  return normalized;
}

function readExpiry(
  spec: Mapping,
  reader: FieldReader,
  options: ReadOptions,
): string | undefined {
  const path: FieldPath = ['spec', 'expiresAt'];
  if (spec.expiresAt === undefined || spec.expiresAt === null) {
    reader.report(path, 'is required: every exemption must expire');
    return undefined;
  }
  const text = reader.string(spec, 'expiresAt', ['spec'], { required: true });
  if (text === undefined) {
    return undefined;
  }
  const expiresAt = parseInstant(text);
  if (!expiresAt) {
    reader.report(
      path,
      `"${text}" is not a date (use YYYY-MM-DD or an ISO 8601 timestamp with a zone)`,
    );
    return undefined;
  }
  const limit = options.now.getTime() + options.maxExemptionDays * DAY_MS;
  if (expiresAt.getTime() > limit) {
    reader.report(
      path,
      `${text} is more than ${
        options.maxExemptionDays
      } days after ${options.now.toISOString()} (the longest an exemption may run)`,
    );
    return undefined;
  }
  return text;
}

function readScope(
  value: unknown,
  path: FieldPath,
  reader: FieldReader,
  options: ReadOptions,
): ExemptionScope | undefined {
  const mapping = reader.mapping(value, path);
  if (!mapping) {
    return undefined;
  }
  reader.onlyKeys(mapping, path, [
    'entity',
    'environments',
    'namespaces',
    'resources',
  ]);
  const scope: ExemptionScope = {};
  let ok = true;
  if (mapping.entity !== undefined) {
    const entity = readEntityRef(mapping, 'entity', reader, path);
    if (entity) scope.entity = entity;
    else ok = false;
  }
  if (mapping.environments !== undefined) {
    const environments = reader.stringList(mapping, 'environments', path, {
      required: true,
      nonEmpty: true,
      pattern: environmentNamePattern,
    });
    environments?.forEach((environment, index) => {
      if (options.environments && !options.environments.includes(environment)) {
        reader.report(
          [...path, 'environments', index],
          `unknown environment "${environment}" (configured: ${options.environments.join(
            ', ',
          )})`,
        );
        ok = false;
      }
    });
    if (environments) scope.environments = environments;
    else ok = false;
  }
  if (mapping.namespaces !== undefined) {
    const namespaces = reader.stringList(mapping, 'namespaces', path, {
      required: true,
      nonEmpty: true,
      pattern: namespaceNamePattern,
    });
    if (namespaces) scope.namespaces = namespaces;
    else ok = false;
  }
  if (mapping.resources !== undefined) {
    const resources = readResources(mapping, path, reader);
    if (resources) scope.resources = resources;
    else ok = false;
  }
  if (
    ok &&
    scope.entity === undefined &&
    scope.namespaces === undefined &&
    scope.resources === undefined
  ) {
    reader.report(
      path,
      'must name an entity, namespaces or resources; an exemption never covers a whole environment',
    );
    ok = false;
  }
  return ok ? scope : undefined;
}

function readResources(
  scope: Mapping,
  path: FieldPath,
  reader: FieldReader,
): ExemptionResource[] | undefined {
  const items = reader.list(scope, 'resources', path, {
    required: true,
    nonEmpty: true,
  });
  if (!items) {
    return undefined;
  }
  const resources: ExemptionResource[] = [];
  const readResource = (mapping: Mapping, itemPath: FieldPath) => {
    const kind = reader.string(mapping, 'kind', itemPath, { required: true });
    const name = reader.string(mapping, 'name', itemPath, { required: true });
    const apiVersion = reader.string(mapping, 'apiVersion', itemPath, {
      required: false,
    });
    const namespace = reader.string(mapping, 'namespace', itemPath, {
      required: false,
    });
    if (
      !kind ||
      !name ||
      (mapping.apiVersion !== undefined && !apiVersion) ||
      (mapping.namespace !== undefined && !namespace)
    ) {
      return false;
    }
    const resource: ExemptionResource = { kind, name };
    if (apiVersion) resource.apiVersion = apiVersion;
    if (namespace) resource.namespace = namespace;
    resources.push(resource);
    return true;
  };
  const ok = reader.eachMapping(
    items,
    [...path, 'resources'],
    ['apiVersion', 'kind', 'name', 'namespace'],
    readResource,
  );
  return ok ? resources : undefined;
}
