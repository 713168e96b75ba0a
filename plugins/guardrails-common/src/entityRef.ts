const ENTITY_REF =
  /^([A-Za-z][A-Za-z0-9]*):(?:([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\/)?([A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*)$/;

/** The parts of a full catalog entity ref. @public */
export interface EntityRefParts {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Parses `kind:namespace/name` or `kind:name` (namespace `default`), lowercased
 * because Backstage compares refs case-insensitively. Undefined when malformed.
 * @public
 */
export function parseEntityRef(ref: string): EntityRefParts | undefined {
  const parts = ENTITY_REF.exec(ref.trim());
  if (!parts) {
    return undefined;
  }
  const [, kind, namespace = 'default', name] = parts;
  if (namespace.length > 63 || name.length > 63) {
    return undefined;
  }
  return {
    kind: kind.toLowerCase(),
    namespace: namespace.toLowerCase(),
    name: name.toLowerCase(),
  };
}

/**
 * Normalizes an entity ref to `kind:namespace/name` in lowercase, or undefined
 * when it is not a full entity ref.
 * @public
 */
export function normalizeEntityRef(ref: string): string | undefined {
  const parts = parseEntityRef(ref);
  return parts ? `${parts.kind}:${parts.namespace}/${parts.name}` : undefined;
}
