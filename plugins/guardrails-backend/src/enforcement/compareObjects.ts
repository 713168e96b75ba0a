import type { AdmissionObject } from './admissionObject';

/** Metadata the suite sets; everything else under metadata is the API server's or other tools'. */
const SET_METADATA = ['name', 'labels', 'annotations'];

/**
 * The paths (`spec.validationActions`) where `actual` differs from what `desired` sets. Only the fields the suite
 * sets count: defaults the API server adds (`matchPolicy`, empty selectors) and fields other managers add are not
 * a difference. Lists are compared whole, as the export writes them.
 */
export function differingFields(
  actual: AdmissionObject,
  desired: AdmissionObject,
): string[] {
  const differences: string[] = [];
  const { metadata, ...rest } = desired;
  for (const key of SET_METADATA) {
    if (metadata[key] !== undefined) {
      compare(actual.metadata[key], metadata[key], `metadata.${key}`);
    }
  }
  for (const [key, value] of Object.entries(rest)) {
    compare(actual[key], value, key);
  }
  return differences;

  function compare(have: unknown, want: unknown, path: string) {
    if (isMap(want)) {
      if (!isMap(have)) {
        differences.push(path);
        return;
      }
      for (const [key, value] of Object.entries(want)) {
        compare(have[key], value, `${path}.${key}`);
      }
      return;
    }
    if (Array.isArray(want)) {
      if (
        !Array.isArray(have) ||
        have.length !== want.length ||
        want.some((item, i) => !covers(have[i], item))
      ) {
        differences.push(path);
      }
      return;
    }
    if (have !== want) differences.push(path);
  }
}

/** Whether `have` holds every field `want` sets, with the same values. */
function covers(have: unknown, want: unknown): boolean {
  if (isMap(want)) {
    return (
      isMap(have) &&
      Object.entries(want).every(([key, value]) => covers(have[key], value))
    );
  }
  if (Array.isArray(want)) {
    return (
      Array.isArray(have) &&
      have.length === want.length &&
      want.every((item, i) => covers(have[i], item))
    );
  }
  return have === want;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
