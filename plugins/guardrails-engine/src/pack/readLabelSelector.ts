import {
  LabelSelector,
  LabelSelectorRequirement,
} from '@guardrails-dev/plugin-guardrails-common';
import { FieldPath } from './fieldPath';
import { FieldReader, isMapping, Mapping } from './fieldReader';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/** Reads a Kubernetes label selector (`matchLabels`, `matchExpressions`). */
export function readLabelSelector(
  value: unknown,
  path: FieldPath,
  reader: FieldReader,
): LabelSelector | undefined {
  const mapping = reader.mapping(value, path);
  if (!mapping) {
    return undefined;
  }
  reader.onlyKeys(mapping, path, ['matchLabels', 'matchExpressions']);
  const selector: LabelSelector = {};
  let ok = true;
  if (mapping.matchLabels !== undefined) {
    const labelsPath = [...path, 'matchLabels'];
    if (!isMapping(mapping.matchLabels)) {
      reader.report(labelsPath, 'must be a mapping of label keys to values');
      ok = false;
    } else {
      for (const [key, labelValue] of Object.entries(mapping.matchLabels)) {
        if (typeof labelValue !== 'string') {
          reader.report([...labelsPath, key], 'must be a string');
          ok = false;
        }
      }
      selector.matchLabels = mapping.matchLabels as Record<string, string>;
    }
  }
  const expressions = reader.list(mapping, 'matchExpressions', path, {
    required: false,
  });
  if (expressions) {
    const requirements: LabelSelectorRequirement[] = [];
    const readRequirement = (requirement: Mapping, itemPath: FieldPath) => {
      const key = reader.string(requirement, 'key', itemPath, {
        required: true,
      });
      const operator = reader.oneOf(
        requirement,
        'operator',
        itemPath,
        OPERATORS,
        {
          required: true,
        },
      );
      const needsValues = operator === 'In' || operator === 'NotIn';
      const values = reader.stringList(requirement, 'values', itemPath, {
        required: needsValues,
        nonEmpty: needsValues,
        allowEmptyItems: true,
      });
      const valuesOk = !(
        operator &&
        !needsValues &&
        values &&
        values.length > 0
      );
      if (!valuesOk) {
        reader.report(
          [...itemPath, 'values'],
          `must be empty for operator ${operator}`,
        );
      }
      if (!key || !operator || (needsValues && !values)) {
        return false;
      }
      const parsed: LabelSelectorRequirement = { key, operator };
      if (needsValues) {
        parsed.values = values;
      }
      requirements.push(parsed);
      return valuesOk;
    };
    ok =
      reader.eachMapping(
        expressions,
        [...path, 'matchExpressions'],
        ['key', 'operator', 'values'],
        readRequirement,
      ) && ok;
    selector.matchExpressions = requirements;
  }
  return ok ? selector : undefined;
}
