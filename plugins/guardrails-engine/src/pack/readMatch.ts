import {
  ADMISSION_OPERATIONS,
  AdmissionOperation,
  GuardrailMatch,
  ResourceMatch,
} from '@guardrails-dev/plugin-guardrails-common';
import { FieldPath } from './fieldPath';
import { FieldReader, Mapping } from './fieldReader';
import { readLabelSelector } from './readLabelSelector';

/** Reads `spec.match`: the resources a guardrail applies to and its label selectors. */
export function readMatch(
  value: unknown,
  path: FieldPath,
  reader: FieldReader,
): GuardrailMatch | undefined {
  const mapping = reader.mapping(value, path);
  if (!mapping) {
    return undefined;
  }
  reader.onlyKeys(mapping, path, [
    'resources',
    'operations',
    'namespaceSelector',
    'objectSelector',
  ]);
  const items = reader.list(mapping, 'resources', path, {
    required: true,
    nonEmpty: true,
  });
  const resources: ResourceMatch[] = [];
  const readResource = (resource: Mapping, itemPath: FieldPath) => {
    const apiGroups = reader.stringList(resource, 'apiGroups', itemPath, {
      required: true,
      nonEmpty: true,
      allowEmptyItems: true, // "" is the core API group
    });
    const kinds = reader.stringList(resource, 'kinds', itemPath, {
      required: true,
      nonEmpty: true,
    });
    if (!apiGroups || !kinds) {
      return false;
    }
    resources.push({ apiGroups, kinds });
    return true;
  };
  let ok =
    items !== undefined &&
    reader.eachMapping(
      items,
      [...path, 'resources'],
      ['apiGroups', 'kinds'],
      readResource,
    );
  const match: GuardrailMatch = { resources };
  if (mapping.operations !== undefined) {
    const operations = readOperations(mapping, path, reader);
    if (operations) {
      match.operations = operations;
    } else {
      ok = false;
    }
  }
  for (const key of ['namespaceSelector', 'objectSelector'] as const) {
    if (mapping[key] !== undefined) {
      const selector = readLabelSelector(mapping[key], [...path, key], reader);
      if (selector) {
        match[key] = selector;
      } else {
        ok = false;
      }
    }
  }
  return ok ? match : undefined;
}

/**
 * Reads `match.operations`: CREATE and/or UPDATE, or DELETE alone. A deletion
 * has no object to audit, so mixing it with writes would give a guardrail
 * half of whose checks never run offline.
 */
function readOperations(
  mapping: Mapping,
  path: FieldPath,
  reader: FieldReader,
): AdmissionOperation[] | undefined {
  const operations = reader.stringList(mapping, 'operations', path, {
    required: true,
    nonEmpty: true,
    pattern: {
      test: value =>
        (ADMISSION_OPERATIONS as readonly string[]).includes(value),
      description: `an operation (${ADMISSION_OPERATIONS.join(', ')})`,
    },
  });
  if (!operations) {
    return undefined;
  }
  const field = [...path, 'operations'];
  if (new Set(operations).size !== operations.length) {
    reader.report(field, 'names an operation twice');
    return undefined;
  }
  if (operations.includes('DELETE') && operations.length > 1) {
    reader.report(
      field,
      'DELETE cannot be combined with CREATE or UPDATE: a deletion guardrail is admission-only and reads the deleted object as oldObject; write the checks of writes as another guardrail',
    );
    return undefined;
  }
  return operations as AdmissionOperation[];
}
