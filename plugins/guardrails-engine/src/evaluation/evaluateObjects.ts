import { toCelValue } from '../cel';
import { findExemption } from '../exemptions/findExemption';
import {
  AppliedExemption,
  EnforcementLevel,
  Exemption,
  GuardrailResult,
  isEnforcingLevel,
  ResourceRef,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  KubernetesManifest,
  KubernetesObject,
} from '../manifests/kubernetesObject';
import { effectiveLevel } from '../rollout/rollout';
import { checkGuardrail } from './checkGuardrail';
import { CompiledGuardrail, CompiledPack } from './compilePack';
import { labelSelectorMatches, matchesKind } from './matching';
import { capMessage } from './messageLimit';
import {
  apiGroupOf,
  assertKubernetesObject,
  isNamespace,
  labelsOf,
  nameOf,
  namespaceOf,
} from './objects';
import { OwnerIndex } from './ownership';
import { isPodTemplateHolder, podFromTemplate } from './podTemplates';

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
  /** Copied to every result's `source`. */
  source?: string;
  /** CEL cost budget per expression evaluation. */
  costBudget?: number;
}

/** One thing to evaluate: an object as itself, or the pod of a workload's template. */
interface Unit {
  report: KubernetesManifest;
  group: string;
  kind: string;
  viaTemplate: boolean;
  /** A Pod, ReplicaSet or Job whose controller is among the evaluated objects. */
  ownedByEvaluated: boolean;
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

function buildUnits(objects: ReadonlyArray<KubernetesManifest>): Unit[] {
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
function applies(compiled: CompiledGuardrail, unit: Unit): boolean {
  const { match } = compiled.guardrail;
  if (unit.viaTemplate) {
    return compiled.podRule && !matchesKind(match, unit.group, unit.kind);
  }
  if (!matchesKind(match, unit.group, unit.kind)) {
    return false;
  }
  return !(unit.ownedByEvaluated && unit.group === '' && unit.kind === 'Pod');
}

function selectorsMatch(
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

function toAppliedExemption(
  exemption: Exemption,
  status: 'active' | 'expired',
): AppliedExemption {
  return {
    name: exemption.name,
    status,
    reason: exemption.reason,
    justification: exemption.justification,
    owner: exemption.owner,
    approvedBy: exemption.approvedBy,
    expiresAt: exemption.expiresAt,
  };
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
    const level = effectiveLevel(
      guardrail.guardrail,
      context.environment,
      context.at,
    );
    return level ? [{ compiled: guardrail, level }] : [];
  });

  const celValues = new Map<object, unknown>();
  const cel = (object: object) => {
    if (!celValues.has(object)) celValues.set(object, toCelValue(object));
    return celValues.get(object);
  };
  const resourcesByNamespace = new Map<
    string,
    Record<string, KubernetesManifest[]>
  >();
  for (const object of inputs) {
    const namespace = namespaceOf(object);
    if (namespace === undefined || isNamespace(object)) continue;
    const byKind = resourcesByNamespace.get(namespace) ?? {};
    (byKind[object.kind] ??= []).push(object);
    resourcesByNamespace.set(namespace, byKind);
  }
  // Built from converted objects, so no object is converted twice.
  const resourcesCel = new Map<string, Record<string, unknown[]>>();
  const namespaceResources = (namespace: string | undefined) => {
    if (namespace === undefined) return {};
    let resources = resourcesCel.get(namespace);
    if (!resources) {
      resources = Object.fromEntries(
        Object.entries(resourcesByNamespace.get(namespace) ?? {}).map(
          ([kind, list]) => [kind, list.map(cel)],
        ),
      );
      resourcesCel.set(namespace, resources);
    }
    return resources;
  };
  // A template's pod is cut from the converted workload: a CEL value already.
  const templatePods = new Map<KubernetesManifest, unknown>();
  const celObject = (unit: Unit) => {
    if (!unit.viaTemplate) return cel(unit.report);
    if (!templatePods.has(unit.report)) {
      templatePods.set(
        unit.report,
        podFromTemplate(cel(unit.report) as KubernetesObject),
      );
    }
    return templatePods.get(unit.report);
  };

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
        ? cel(namespaces.get(namespace)!)
        : null;
    for (const { compiled: guardrail, level } of matching) {
      yield withBoundedMessage(
        resultFor(
          guardrail,
          level,
          resource,
          context,
          () =>
            checkGuardrail(
              guardrail,
              {
                object: celObject(unit),
                namespaceObject,
                namespaceResources: namespaceResources(
                  ownNamespace ?? namespace,
                ),
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

/** Every message is bounded, whatever an expression or an exemption put in it. */
function withBoundedMessage(result: GuardrailResult): GuardrailResult {
  const message = capMessage(result.message);
  return message === result.message ? result : { ...result, message };
}

function resultFor(
  compiled: CompiledGuardrail,
  level: EnforcementLevel,
  resource: ResourceRef,
  context: EvaluationContext,
  check: () => ReturnType<typeof checkGuardrail>,
  exemption: ReturnType<typeof findExemption>,
): GuardrailResult {
  const { guardrail } = compiled;
  const base = {
    guardrail: guardrail.id,
    title: guardrail.title,
    resource,
    level,
    severity: guardrail.severity,
    category: guardrail.category,
    ...(context.source !== undefined ? { source: context.source } : {}),
  };
  if (exemption?.status === 'active') {
    const { name, reason, expiresAt, justification } = exemption.exemption;
    return {
      ...base,
      result: 'skip',
      message: `Exempted by ${name} (${reason}) until ${expiresAt}: ${justification}`,
      exemption: toAppliedExemption(exemption.exemption, 'active'),
    };
  }
  const outcome = check();
  const expired = exemption
    ? { exemption: toAppliedExemption(exemption.exemption, 'expired') }
    : {};
  const expiredNote = exemption
    ? ` (exemption ${exemption.exemption.name} expired at ${exemption.exemption.expiresAt})`
    : '';
  switch (outcome.outcome) {
    case 'pass':
      return { ...base, result: 'pass', message: guardrail.title, ...expired };
    case 'violated':
      return {
        ...base,
        result: isEnforcingLevel(level) ? 'fail' : 'warn',
        message: outcome.message + expiredNote,
        ...expired,
      };
    default:
      return {
        ...base,
        result: 'error',
        message: `Could not evaluate: ${outcome.message}${expiredNote}`,
        ...expired,
      };
  }
}
