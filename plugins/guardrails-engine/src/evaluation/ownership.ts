import { KubernetesManifest } from '../manifests/kubernetesObject';
import { namespaceOf } from './objects';

// Names controllers give to what they create: <deployment>-<pod-template-hash>
// for ReplicaSets, <cronjob>-<scheduled time> for Jobs.
export const INFERRED_OWNERS: Readonly<
  Record<string, { kind: string; suffix: RegExp }>
> = {
  ReplicaSet: { kind: 'Deployment', suffix: /^[a-z0-9]{1,10}$/ },
  Job: { kind: 'CronJob', suffix: /^[0-9]{1,12}$/ },
};

/**
 * Finds, among the objects being evaluated, the controller that owns an
 * object (a Pod's ReplicaSet, StatefulSet, DaemonSet or Job; a ReplicaSet's
 * Deployment; a Job's CronJob). When the direct owner is absent its owner is
 * inferred from the controller naming scheme, so a Pod of ReplicaSet
 * `web-7d9f8b` is covered by Deployment `web`.
 */
export class OwnerIndex {
  private readonly byKey = new Map<string, KubernetesManifest>();
  private readonly byKind = new Map<string, KubernetesManifest[]>();

  constructor(objects: ReadonlyArray<KubernetesManifest>) {
    for (const object of objects) {
      const namespace = namespaceOf(object) ?? '';
      const name = object.metadata?.name;
      if (!name) continue;
      this.byKey.set(`${namespace}/${object.kind}/${name}`, object);
      const kindKey = `${namespace}/${object.kind}`;
      this.byKind.set(kindKey, [...(this.byKind.get(kindKey) ?? []), object]);
    }
  }

  /** The evaluated object that controls `object`, if any. */
  controllerOf(object: KubernetesManifest): KubernetesManifest | undefined {
    const references = object.metadata?.ownerReferences ?? [];
    const controllers = references.filter(
      reference => reference.controller === true,
    );
    const namespace = namespaceOf(object) ?? '';
    for (const reference of controllers.length > 0 ? controllers : references) {
      const owner = this.byKey.get(
        `${namespace}/${reference.kind}/${reference.name}`,
      );
      if (owner) {
        return owner;
      }
      const inferred = INFERRED_OWNERS[reference.kind];
      if (inferred) {
        const candidates =
          this.byKind.get(`${namespace}/${inferred.kind}`) ?? [];
        const match = candidates.find(candidate => {
          const prefix = `${candidate.metadata!.name}-`;
          return (
            reference.name.startsWith(prefix) &&
            inferred.suffix.test(reference.name.slice(prefix.length))
          );
        });
        if (match) {
          return match;
        }
      }
    }
    return undefined;
  }
}
