import { ResourceType, apiVersionOf } from '../api/resources';
import { ResourceRegistry } from '../api/ResourceRegistry';
import { isPlainObject, KubeObject } from '../store/objects';
import { validateObject } from '../store/validateObject';

/** Namespaces every cluster has, so seeds may use them without declaring them. */
export const BUILT_IN_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/**
 * Checks one seed object and returns it typed with its resource type. Errors start with `where` (file and
 * document, or option index) and say what to fix.
 */
export function checkSeedObject(
  value: unknown,
  where: string,
  types: ResourceRegistry,
): { rt: ResourceType; object: KubeObject } {
  if (!isPlainObject(value))
    throw new Error(`${where}: must be a Kubernetes object (a YAML mapping)`);
  const { apiVersion, kind, metadata } = value;
  if (typeof apiVersion !== 'string' || apiVersion === '')
    throw new Error(`${where}: apiVersion is required`);
  if (typeof kind !== 'string' || kind === '')
    throw new Error(`${where}: kind is required`);
  const rt = types.byKind(apiVersion, kind);
  if (!rt) {
    const served = types
      .all()
      .map(r => `${apiVersionOf(r)} ${r.kind}`)
      .join(', ');
    throw new Error(
      `${where}: ${apiVersion} ${kind} is not a type the simulator serves (served: ${served})`,
    );
  }
  if (!isPlainObject(metadata))
    throw new Error(`${where}: metadata is required`);
  const label = `${kind} ${
    metadata.namespace ? `${String(metadata.namespace)}/` : ''
  }${String(metadata.name ?? '')}`;
  if (
    rt.namespaced &&
    (typeof metadata.namespace !== 'string' || metadata.namespace === '')
  ) {
    throw new Error(
      `${where}: ${label}: metadata.namespace is required for the namespaced kind ${kind}`,
    );
  }
  if (!rt.namespaced && metadata.namespace !== undefined) {
    throw new Error(
      `${where}: ${label}: metadata.namespace must not be set, ${kind} is cluster-scoped`,
    );
  }
  const causes = validateObject(rt, value as KubeObject);
  if (causes.length > 0) {
    const problems = causes.map(c => `${c.field}: ${c.message}`).join('; ');
    throw new Error(`${where}: ${label} is invalid: ${problems}`);
  }
  checkManagedFields(metadata.managedFields, `${where}: ${label}`);
  return { rt, object: value as KubeObject };
}

/** Seeds may name field managers (`{ manager, operation }`, fieldsV1 optional) to set up ownership. */
function checkManagedFields(value: unknown, where: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value))
    throw new Error(`${where}: metadata.managedFields must be a list`);
  value.forEach((e, i) => {
    if (
      !isPlainObject(e) ||
      typeof e.manager !== 'string' ||
      e.manager === ''
    ) {
      throw new Error(
        `${where}: metadata.managedFields[${i}].manager is required`,
      );
    }
    if (e.operation !== 'Apply' && e.operation !== 'Update') {
      throw new Error(
        `${where}: metadata.managedFields[${i}].operation must be Apply or Update`,
      );
    }
    if (e.fieldsV1 !== undefined && !isPlainObject(e.fieldsV1)) {
      throw new Error(
        `${where}: metadata.managedFields[${i}].fieldsV1 must be a FieldsV1 object`,
      );
    }
  });
}

/** `<kind> <namespace>/<name>` identity used to find duplicates. */
export function seedIdentity(rt: ResourceType, obj: KubeObject): string {
  return `${apiVersionOf(rt)} ${rt.kind} ${obj.metadata.namespace ?? ''}/${
    obj.metadata.name
  }`;
}
