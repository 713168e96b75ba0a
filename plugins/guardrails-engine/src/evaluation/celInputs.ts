import { toCelValue } from '../cel';
import {
  KubernetesManifest,
  KubernetesObject,
} from '../manifests/kubernetesObject';
import { Unit } from './evaluationUnits';
import { isNamespace, namespaceOf } from './objects';
import { podFromTemplate } from './podTemplates';

/**
 * The CEL values guardrails see (`object`, `namespaceObject`,
 * `namespaceResources`), each converted once however many guardrails read it.
 */
export class CelInputs {
  private readonly values = new Map<object, unknown>();
  private readonly templatePods = new Map<KubernetesManifest, unknown>();
  private readonly byNamespace = new Map<
    string,
    Record<string, KubernetesManifest[]>
  >();
  private readonly resources = new Map<string, Record<string, unknown[]>>();

  constructor(objects: ReadonlyArray<KubernetesManifest>) {
    for (const object of objects) {
      const namespace = namespaceOf(object);
      if (namespace === undefined || isNamespace(object)) continue;
      const byKind = this.byNamespace.get(namespace) ?? {};
      (byKind[object.kind] ??= []).push(object);
      this.byNamespace.set(namespace, byKind);
    }
  }

  /** Any object as a CEL value. */
  value(object: KubernetesObject): unknown {
    if (!this.values.has(object)) this.values.set(object, toCelValue(object));
    return this.values.get(object);
  }

  /** The object a unit is evaluated as: the object, or its template's pod. */
  object(unit: Unit): unknown {
    if (!unit.viaTemplate) return this.value(unit.report);
    if (!this.templatePods.has(unit.report)) {
      // Cut from the converted workload: a CEL value already.
      const workload = this.value(unit.report) as KubernetesObject;
      this.templatePods.set(unit.report, podFromTemplate(workload));
    }
    return this.templatePods.get(unit.report);
  }

  /** The evaluated objects of a namespace by kind, built from converted objects. */
  namespaceResources(namespace: string | undefined): Record<string, unknown[]> {
    if (namespace === undefined) return {};
    let resources = this.resources.get(namespace);
    if (!resources) {
      resources = Object.fromEntries(
        Object.entries(this.byNamespace.get(namespace) ?? {}).map(
          ([kind, list]) => [kind, list.map(object => this.value(object))],
        ),
      );
      this.resources.set(namespace, resources);
    }
    return resources;
  }
}
