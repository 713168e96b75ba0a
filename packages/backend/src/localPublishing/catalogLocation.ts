import path from 'node:path';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** A catalog Location that reads a published file. */
export interface CoveringLocation {
  entityRef: string;
  /** The glob (or path) of the location that matches the file. */
  target: string;
}

/**
 * The first `file` Location whose target (a path or glob, as the catalog's file reader takes it)
 * matches the file; `url` Locations never read local files.
 */
export function findCoveringLocation(
  locations: Entity[],
  file: string,
): CoveringLocation | undefined {
  for (const location of locations) {
    const spec = (location.spec ?? {}) as {
      type?: string;
      target?: string;
      targets?: string[];
    };
    const heldBy = heldByFile(location);
    const type = spec.type ?? (heldBy ? 'file' : undefined);
    if (type !== 'file') {
      continue;
    }
    const targets = [
      ...(spec.target ? [spec.target] : []),
      ...(spec.targets ?? []),
    ];
    for (const target of targets) {
      const absolute = absoluteTarget(target, heldBy);
      if (path.matchesGlob(file, absolute)) {
        return {
          entityRef: stringifyEntityRef({
            kind: 'Location',
            namespace: location.metadata.namespace,
            name: location.metadata.name,
          }),
          target: absolute,
        };
      }
    }
  }
  return undefined;
}

/**
 * The target as the catalog's file reader takes it: relative targets starting with `.` are joined
 * to the directory of the catalog file holding the Location, other relative ones are relative to
 * the backend's working directory.
 */
function absoluteTarget(target: string, heldBy: string | undefined): string {
  if (path.isAbsolute(target)) {
    return target;
  }
  if (heldBy && target.startsWith('.')) {
    return path.join(path.dirname(heldBy), target);
  }
  return path.resolve(target);
}

/** The catalog file a Location entity was read from, when it was read from a file. */
function heldByFile(location: Entity): string | undefined {
  const ref = location.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!ref) {
    return undefined;
  }
  try {
    const parsed = parseLocationRef(ref);
    return parsed.type === 'file' ? parsed.target : undefined;
  } catch {
    return undefined;
  }
}
