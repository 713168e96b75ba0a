import {
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
