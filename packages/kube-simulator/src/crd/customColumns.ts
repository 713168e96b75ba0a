import { CustomVersion } from '../api/resources';
import { isPlainObject, KubeObject } from '../store/objects';
import type { Column } from '../server/table';

/** Follows a simple JSONPath (`.spec.engine`, `.status.conditions[0].type`) through an object. */
function follow(obj: unknown, path: string): unknown {
  const steps = path
    .replace(/^\{?\.?/, '')
    .replace(/\}$/, '')
    .split(/\.|\[(\d+)\]/)
    .filter(s => s !== undefined && s !== '');
  let value: unknown = obj;
  for (const step of steps) {
    if (Array.isArray(value) && /^\d+$/.test(step)) value = value[Number(step)];
    else if (isPlainObject(value)) value = value[step];
    else return undefined;
  }
  return value;
}

function cellValue(
  value: unknown,
  type: string,
): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (type === 'integer' || type === 'number')
    return typeof value === 'number' ? value : null;
  if (type === 'boolean') return typeof value === 'boolean' ? value : null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A custom resource's Table columns as the API server builds them from its definition: the
 * `additionalPrinterColumns` (dates as timestamps, which kubectl shows as ages), or `Age` alone without them.
 */
export function customColumns(definition: CustomVersion): Column[] {
  const columns = definition.printerColumns.length
    ? definition.printerColumns
    : [
        {
          name: 'Age',
          type: 'date',
          jsonPath: '.metadata.creationTimestamp',
          priority: 0,
          description:
            'CreationTimestamp is a timestamp representing the server time when this object was created.',
        },
      ];
  return columns.map(c => ({
    name: c.name,
    type: c.type,
    ...(c.format ? { format: c.format } : {}),
    description:
      c.description ??
      `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
    priority: c.priority ?? 0,
    cell: (o: KubeObject) =>
      cellValue(follow(o, c.jsonPath), c.type) as string | number,
  }));
}
