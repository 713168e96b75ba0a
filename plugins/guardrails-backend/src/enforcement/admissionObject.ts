/**
 * A ValidatingAdmissionPolicy or binding as enforcement handles it: plain JSON with the fields the sync reads
 * always present. Objects from the cluster and from the export are narrowed to it once, where they come in.
 */
export interface AdmissionObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The objects that have a kind and a name (an API server always gives both). */
export function admissionObjects(
  objects: readonly unknown[],
): AdmissionObject[] {
  return objects.filter((object): object is AdmissionObject => {
    const candidate = object as Partial<AdmissionObject> | undefined;
    return (
      typeof candidate?.kind === 'string' &&
      typeof candidate.metadata?.name === 'string'
    );
  });
}
