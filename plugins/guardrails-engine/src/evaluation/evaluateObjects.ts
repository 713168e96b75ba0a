import { findExemption } from '../exemptions/findExemption';
import {
  Exemption,
  GuardrailResult,
  ResourceRef,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  KubernetesManifest,
  KubernetesObject,
} from '../manifests/kubernetesObject';
import { effectiveLevel } from '../rollout/rollout';
import { CelInputs } from './celInputs';
import { checkGuardrail } from './checkGuardrail';
import { CompiledPack } from './compilePack';
import { applies, buildUnits, selectorsMatch } from './evaluationUnits';
import { isAdmissionOnly } from './matching';
import { readsObjectStatus } from './liveState';
import { resultFor, withBoundedMessage } from './guardrailResult';
import {
  assertKubernetesObject,
  isNamespace,
  nameOf,
  namespaceOf,
} from './objects';

/** Where and when objects are evaluated. @public */
export interface EvaluationContext {
  /** The environment whose rollout stage sets the level of each result. */
  environment: string;
  cluster?: string;
  at: Date;
  /** Exemptions in addition to those in the pack. */
  exemptions?: ReadonlyArray<Exemption>;
  /**
   * Namespace objects by name, used as `namespaceObject` and for namespace
   * selectors. Namespace objects among the evaluated objects are used too.
   */
  namespaces?:
    | ReadonlyMap<string, KubernetesObject>
    | Readonly<Record<string, KubernetesObject>>;
  /** The catalog entity owning an object, for exemptions scoped to an entity. */
  entityRefFor?: (object: KubernetesManifest) => string | undefined;
  /**
   * Where the objects were read from. `manifests` (files, templates: objects
   * no controller has reported on) leaves out guardrails that read
   * `object.status`, which only live objects have; they give no results then.
   * Default `cluster`, where a missing status is an error, never a pass.
   */
  objectsFrom?: 'cluster' | 'manifests';
  /** Copied to every result's `source`. */
  source?: string;
  /** CEL cost budget per expression evaluation. */
  costBudget?: number;
}

function namespaceMap(
  context: EvaluationContext,
  objects: ReadonlyArray<KubernetesObject>,
): Map<string, KubernetesObject> {
  const map = new Map<string, KubernetesObject>(
    context.namespaces instanceof Map
      ? context.namespaces
      : Object.entries(context.namespaces ?? {}),
  );
  for (const object of objects) {
    if (isNamespace(object) && object.metadata?.name) {
      map.set(object.metadata.name, object);
    }
  }
  return map;
}

/**
 * Evaluates every guardrail in force in the context's environment against the
 * objects, producing one result per guardrail and reported object. Objects
 * are converted to CEL values once; guardrails not in force at `context.at`
 * produce no results. Throws a TypeError naming the first input that is not a
 * Kubernetes object. For many objects in a process that serves requests, use
 * {@link evaluateObjectsAsync}, which gives way to other work as it goes.
 * @public
 */
export function evaluateObjects(
  compiled: CompiledPack,
  objects: ReadonlyArray<KubernetesObject>,
  context: EvaluationContext,
): GuardrailResult[] {
  return [...evaluationSteps(compiled, objects, context)];
}

/**
 * The results of {@link evaluateObjects} one at a time, computed as they are
 * taken, so that a caller can pause between any two.
 */
export function* evaluationSteps(
  compiled: CompiledPack,
  objects: ReadonlyArray<KubernetesObject>,
  context: EvaluationContext,
): Generator<GuardrailResult, void, undefined> {
  const inputs = objects.map((object, index) =>
    assertKubernetesObject(object, index),
  );
  const namespaces = namespaceMap(context, inputs);
  const exemptions = [
    ...compiled.pack.exemptions,
    ...(context.exemptions ?? []),
  ];
  const evaluateOptions =
    context.costBudget !== undefined ? { costBudget: context.costBudget } : {};
  const active = compiled.guardrails.flatMap(guardrail => {
    // Deletions happen only at admission: there is nothing to audit.
    if (isAdmissionOnly(guardrail.guardrail)) return [];
    if (
      context.objectsFrom === 'manifests' &&
      readsObjectStatus(guardrail.guardrail)
    ) {
      return [];
    }
    const level = effectiveLevel(
      guardrail.guardrail,
      context.environment,
      context.at,
    );
    return level ? [{ compiled: guardrail, level }] : [];
  });

  const cel = new CelInputs(inputs);

  for (const unit of buildUnits(inputs)) {
    const matching = active.filter(
      ({ compiled: guardrail }) =>
        applies(guardrail, unit) && selectorsMatch(guardrail, unit, namespaces),
    );
    if (matching.length === 0) continue;
    const namespace = namespaceOf(unit.report);
    const resource: ResourceRef = {
      apiVersion: unit.report.apiVersion,
      kind: unit.report.kind,
      ...(namespace !== undefined ? { namespace } : {}),
      name: nameOf(unit.report),
      ...(context.cluster !== undefined ? { cluster: context.cluster } : {}),
      environment: context.environment,
    };
    const entityRef = context.entityRefFor?.(unit.report);
    const ownNamespace =
      !unit.viaTemplate && isNamespace(unit.report)
        ? unit.report.metadata?.name
        : undefined;
    const namespaceObject =
      namespace !== undefined && !ownNamespace && namespaces.has(namespace)
        ? cel.value(namespaces.get(namespace)!)
        : null;
    for (const { compiled: guardrail, level } of matching) {
      yield withBoundedMessage(
        resultFor(
          guardrail,
          level,
          resource,
          context.source,
          () =>
            checkGuardrail(
              guardrail,
              {
                object: cel.object(unit),
                namespaceObject,
                namespaceResources: cel.namespaceResources(
                  ownNamespace ?? namespace,
                ),
                now: context.at,
              },
              evaluateOptions,
            ),
          findExemption(
            exemptions,
            guardrail.guardrail.id,
            {
              entityRef,
              environment: context.environment,
              namespace,
              resource,
            },
            context.at,
          ),
        ),
      );
    }
  }
}
