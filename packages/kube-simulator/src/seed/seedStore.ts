import { findByKind, ResourceType } from '../api/resources';
import { fromFieldsV1, leafPaths } from '../apply/fieldPaths';
import { ManagerEntry, writeEntries } from '../apply/managedFields';
import { initializeCreated } from '../store/lifecycle';
import { isPlainObject, KubeObject } from '../store/objects';
import { ObjectStore } from '../store/ObjectStore';
import {
  BUILT_IN_NAMESPACES,
  checkSeedObject,
  seedIdentity,
} from './checkSeedObject';

const NAMESPACES = findByKind('v1', 'Namespace') as ResourceType;

/** Manager recorded for seed objects that name none: as if created with `kubectl apply`. */
const DEFAULT_SEED_MANAGER = {
  manager: 'kubectl-client-side-apply',
  operation: 'Update',
};

/** Records who manages a seeded object; fields come from the seed as written, before server defaults. */
function seedOwnership(
  rt: ResourceType,
  seed: KubeObject,
  obj: KubeObject,
): void {
  const declared = Array.isArray(seed.metadata.managedFields)
    ? seed.metadata.managedFields
    : [DEFAULT_SEED_MANAGER];
  const { managedFields: _m, ...seedMeta } = seed.metadata;
  const entries: ManagerEntry[] = declared.filter(isPlainObject).map(e => ({
    manager: String(e.manager),
    operation: e.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: obj.apiVersion,
    time: obj.metadata.creationTimestamp ?? '',
    fields:
      e.fieldsV1 !== undefined
        ? fromFieldsV1(e.fieldsV1)
        : leafPaths({ ...seed, metadata: seedMeta }, rt),
  }));
  writeEntries(obj, entries);
}

/** Creates the namespaces every cluster has. */
export function createBuiltInNamespaces(store: ObjectStore): void {
  for (const name of BUILT_IN_NAMESPACES) {
    const seed: KubeObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        managedFields: [{ manager: 'kube-apiserver', operation: 'Update' }],
      },
    };
    const ns = initializeCreated(NAMESPACES, seed, store.nextResourceVersion());
    seedOwnership(NAMESPACES, seed, ns);
    store.put(NAMESPACES, ns);
  }
}

/**
 * Loads seed objects into the store: namespaces first, then the rest in order. Seed objects keep the uid,
 * creationTimestamp, generation and status they bring. Errors start with `describe(index)` and name the object.
 */
export function seedObjects(
  store: ObjectStore,
  objects: unknown[],
  describe: (index: number) => string,
): void {
  const entries = objects.map((value, i) => ({ value, where: describe(i) }));
  const isA = (value: unknown, apiVersion: string, kind: string) =>
    isPlainObject(value) &&
    value.apiVersion === apiVersion &&
    value.kind === kind;
  const isNamespace = (v: unknown) => isA(v, 'v1', 'Namespace');
  const isCrd = (v: unknown) =>
    isA(v, 'apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  // Custom resources are checked once the definitions before them serve their types.
  const phases = [
    entries.filter(e => isNamespace(e.value)),
    entries.filter(e => isCrd(e.value)),
    entries.filter(e => !isNamespace(e.value) && !isCrd(e.value)),
  ];
  for (const phase of phases) {
    const checked = phase.map(e => ({
      ...checkSeedObject(e.value, e.where, store.types),
      where: e.where,
    }));
    seedChecked(store, checked);
  }
}

function seedChecked(
  store: ObjectStore,
  checked: Array<{ rt: ResourceType; object: KubeObject; where: string }>,
): void {
  for (const { rt, object, where } of checked) {
    const { namespace, name = '' } = object.metadata;
    if (store.get(rt, rt.namespaced ? namespace : undefined, name)) {
      throw new Error(
        `${where}: ${seedIdentity(
          rt,
          object,
        )} already exists in the cluster (seeded twice?)`,
      );
    }
    if (rt.namespaced && !store.get(NAMESPACES, undefined, namespace ?? '')) {
      throw new Error(
        `${where}: namespace "${namespace}" does not exist; seed a Namespace object for it`,
      );
    }
    const created = initializeCreated(
      rt,
      object,
      store.nextResourceVersion(),
      true,
    );
    seedOwnership(rt, object, created);
    store.put(rt, created);
  }
}
