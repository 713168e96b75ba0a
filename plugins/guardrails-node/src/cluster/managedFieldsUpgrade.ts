/** One `metadata.managedFields` entry as the API server writes it. */
interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: FieldsV1;
  subresource?: string;
}

type FieldsV1 = { [key: string]: FieldsV1 };

/**
 * The managedFields list with the fields `manager` owns through Update operations (a create, a
 * merge patch) moved into its Apply entry, as client-go's csaupgrade does, but only those the
 * apply `configuration` sets: fields the server filled in on create (a Namespace's
 * `kubernetes.io/metadata.name` label) stay with the Update entry, so the next apply does not
 * drop them. Undefined when there is nothing to move. Without the move, a later server-side
 * apply by the same manager could neither drop those fields nor change them without a conflict
 * with its own earlier write.
 */
export function upgradedManagedFields(
  entries: unknown,
  manager: string,
  configuration: { apiVersion?: string },
): ManagedFieldsEntry[] | undefined {
  if (!Array.isArray(entries)) {
    return undefined;
  }
  const { apiVersion } = configuration;
  const own = (operation: string) => (e: ManagedFieldsEntry) =>
    e.manager === manager &&
    e.operation === operation &&
    e.apiVersion === apiVersion &&
    !e.subresource;
  const list = entries as ManagedFieldsEntry[];
  const update = list.find(own('Update'));
  if (!update?.fieldsV1) {
    return undefined;
  }
  const [moved, kept] = splitFields(update.fieldsV1, configuration);
  if (isEmpty(moved)) {
    return undefined;
  }
  const apply = list.find(own('Apply'));
  const result = list.filter(e => e !== update && e !== apply);
  if (!isEmpty(kept)) {
    result.push({ ...update, fieldsV1: kept });
  }
  result.push({
    manager,
    operation: 'Apply',
    apiVersion,
    time: apply?.time ?? update.time,
    fieldsType: 'FieldsV1',
    fieldsV1: mergeFields(apply?.fieldsV1 ?? {}, moved),
  });
  return result;
}

/** Splits a field set into the fields `value` sets and the rest. List items go with their list. */
function splitFields(fields: FieldsV1, value: unknown): [FieldsV1, FieldsV1] {
  const inside: FieldsV1 = {};
  const outside: FieldsV1 = {};
  for (const [key, sub] of Object.entries(fields)) {
    if (!key.startsWith('f:') || !isRecord(value)) {
      inside[key] = sub;
      continue;
    }
    const name = key.slice(2);
    if (!(name in value)) {
      outside[key] = sub;
      continue;
    }
    const child = value[name];
    if (isEmpty(sub) || !isRecord(child)) {
      inside[key] = sub;
      continue;
    }
    const [i, o] = splitFields(sub, child);
    if (!isEmpty(i)) {
      inside[key] = i;
    }
    if (!isEmpty(o)) {
      outside[key] = o;
    }
  }
  return [inside, outside];
}

function mergeFields(a: FieldsV1, b: FieldsV1): FieldsV1 {
  const merged: FieldsV1 = { ...a };
  for (const [key, value] of Object.entries(b)) {
    merged[key] = merged[key] ? mergeFields(merged[key], value) : value;
  }
  return merged;
}

function isEmpty(fields: FieldsV1): boolean {
  return Object.keys(fields).length === 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
