/** Where a manifest came from: for messages, reports and SARIF locations. @public */
export interface ManifestLocation {
  /** The file as the caller names it. */
  file: string;
  /** Zero-based document in the file. */
  documentIndex: number;
  /** Zero-based item, when the object is an item of a List or of a top-level array. */
  itemIndex?: number;
  /** One-based line where the object starts. */
  line?: number;
}

/** `k8s/all.yaml: document 2, item 1, line 7`. @public */
export function describeManifestLocation(location: ManifestLocation): string {
  const item =
    location.itemIndex !== undefined ? `, item ${location.itemIndex + 1}` : '';
  const line = location.line !== undefined ? `, line ${location.line}` : '';
  return `${location.file}: document ${
    location.documentIndex + 1
  }${item}${line}`;
}

/**
 * A manifest file that cannot be read: not YAML, too big, or holding something that is not a
 * Kubernetes object. The message names the file and, when known, the document and line.
 * @public
 */
export class ManifestError extends Error {
  name = 'ManifestError' as const;

  constructor(
    readonly file: string,
    /**
     * The problem without the location, e.g. `not a Kubernetes object: it has no kind`; for the
     * file as a whole, a phrase to follow its name.
     */
    readonly reason: string,
    /** Absent when the problem is with the file as a whole. */
    readonly location?: ManifestLocation,
  ) {
    super(
      location
        ? `${describeManifestLocation(location)}: ${reason}`
        : `${file} ${reason}`,
    );
  }
}
