import {
  KubernetesManifest,
  KubernetesObject,
} from '../manifests/kubernetesObject';
import { CompiledGuardrail } from './compilePack';
import { labelSelectorMatches, matchesKind } from './matching';
import { apiGroupOf, isNamespace, labelsOf, namespaceOf } from './objects';
import { OwnerIndex } from './ownership';
import { isPodTemplateHolder, podFromTemplate } from './podTemplates';

/** One thing to evaluate: an object as itself, or the pod of a workload's template. */
export interface Unit {
  report: KubernetesManifest;
  group: string;
  kind: string;
  viaTemplate: boolean;
  /** A Pod, ReplicaSet or Job whose controller is among the evaluated objects. */
  ownedByEvaluated: boolean;
}

/**
 * Each object as itself, and each workload's template as the pod it creates,
 * unless the workload's own controller (a ReplicaSet's Deployment) is
 * evaluated too.
 */
export function buildUnits(objects: ReadonlyArray<KubernetesManifest>): Unit[] {
  const owners = new OwnerIndex(objects);
  const units: Unit[] = [];
  for (const object of objects) {
    const group = apiGroupOf(object.apiVersion);
    const holdsPods = isPodTemplateHolder(group, object.kind);
    const isPod = group === '' && object.kind === 'Pod';
    const ownedByEvaluated =
      (isPod || holdsPods) && owners.controllerOf(object) !== undefined;
    const unit = { report: object, group, kind: object.kind, ownedByEvaluated };
    units.push({ ...unit, viaTemplate: false });
    if (holdsPods && !ownedByEvaluated && podFromTemplate(object)) {
      units.push({ ...unit, viaTemplate: true });
    }
  }
  return units;
}

/**
 * Pod rules reach workloads through their templates unless the rule names the
 * workload kind itself; Pods and templates controlled by another evaluated
 * object are reported on that object instead.
 */
export function applies(compiled: CompiledGuardrail, unit: Unit): boolean {
  const { match } = compiled.guardrail;
  if (unit.viaTemplate) {
    return compiled.podRule && !matchesKind(match, unit.group, unit.kind);
  }
  if (!matchesKind(match, unit.group, unit.kind)) {
    return false;
  }
  return !(unit.ownedByEvaluated && unit.group === '' && unit.kind === 'Pod');
}

/** Whether the guardrail's object and namespace selectors let the unit through. */
export function selectorsMatch(
  compiled: CompiledGuardrail,
  unit: Unit,
  namespaces: Map<string, KubernetesObject>,
): boolean {
  const { objectSelector, namespaceSelector } = compiled.guardrail.match;
  if (
    objectSelector &&
    !labelSelectorMatches(objectSelector, labelsOf(unit.report))
  ) {
    return false;
  }
  if (namespaceSelector) {
    if (isNamespace(unit.report)) {
      return labelSelectorMatches(namespaceSelector, labelsOf(unit.report));
    }
    const namespace = namespaceOf(unit.report);
    if (namespace !== undefined) {
      const namespaceObject = namespaces.get(namespace);
      return labelSelectorMatches(
        namespaceSelector,
        namespaceObject ? labelsOf(namespaceObject) : {},
      );
    }
    // Other cluster-scoped objects are not filtered by namespace, as in admission.
  }
  return true;
}
