import {
  GUARDRAILS_GUARDRAIL_ID_ANNOTATION,
  GUARDRAILS_MANAGED_BY_VALUE,
  MANAGED_BY_LABEL,
} from '@guardrails-dev/plugin-guardrails-common';
import type { AdmissionObject } from './admissionObject';
import type { EnforcementChange } from '../db/EnforcementStore';
import { differingFields } from './compareObjects';
import { actionsOf, BINDING_KIND, environmentOf } from './desiredObjects';

/** One write a sync makes, with what it changes. */
export interface PlannedChange extends EnforcementChange {
  /** Paths the suite sets that differ (updates only). */
  fields: string[];
  /** What to apply (create, update). */
  desired?: AdmissionObject;
  /** The object as listed; null when it does not exist. */
  current: AdmissionObject | null;
}

export interface SyncPlan {
  /** Policies before bindings when applying, bindings before policies when deleting. */
  changes: PlannedChange[];
  /** Desired objects whose name an object without the suite's managed-by label holds: left alone. */
  unmanaged: Array<{ kind: string; name: string }>;
  /** Desired objects the cluster already holds: what the suite enforces there now. */
  inPlace: AdmissionObject[];
}

export interface PlanInput {
  desired: AdmissionObject[];
  /** Every ValidatingAdmissionPolicy and binding of the cluster. */
  actual: AdmissionObject[];
  /** What the suite last applied to the cluster, by {@link objectKey}. */
  applied: ReadonlyMap<string, AdmissionObject>;
  /** Managed objects that must stay although not desired (those of environments left to GitOps). */
  keep: (object: AdmissionObject) => boolean;
}

export function objectKey(object: { kind: string; name: string }): string {
  return `${object.kind}/${object.name}`;
}

export function isManaged(object: AdmissionObject): boolean {
  return (
    object.metadata.labels?.[MANAGED_BY_LABEL] === GUARDRAILS_MANAGED_BY_VALUE
  );
}

/** Compares what a cluster should hold with what it holds: the writes that converge it, and nothing else. */
export function planSync(input: PlanInput): SyncPlan {
  const actual = new Map(
    input.actual.map(o => [objectKey(describe(o)), o] as const),
  );
  const applies: PlannedChange[] = [];
  const unmanaged: SyncPlan['unmanaged'] = [];
  const inPlace: AdmissionObject[] = [];
  for (const desired of input.desired) {
    const key = objectKey(describe(desired));
    const current = actual.get(key);
    actual.delete(key);
    const last = input.applied.get(key);
    if (current && !isManaged(current)) {
      unmanaged.push(describe(desired));
      continue;
    }
    if (!current) {
      applies.push({
        ...describe(desired),
        change: 'create',
        ...(last ? { drift: 'deleted' as const } : {}),
        fields: [],
        newActions: actionsOf(desired),
        desired,
        current: null,
      });
      continue;
    }
    // What the suite applied last and sets no more (an exemption's exclusion at its expiry) is a difference too:
    // the desired object does not name it, so only the record of the last apply shows it.
    const fields = [
      ...new Set([
        ...differingFields(current, desired),
        ...(last ? differingFields(desired, last) : []),
      ]),
    ];
    if (fields.length === 0) {
      inPlace.push(desired);
      continue;
    }
    const edited = last && differingFields(current, last).length > 0;
    applies.push({
      ...describe(desired),
      change: 'update',
      ...(edited ? { drift: 'edited' as const } : {}),
      fields,
      oldActions: actionsOf(current),
      newActions: actionsOf(desired),
      desired,
      current,
    });
  }
  const deletes: PlannedChange[] = [...actual.values()]
    .filter(object => isManaged(object) && !input.keep(object))
    .map(current => ({
      ...describe(current),
      change: 'delete',
      fields: [],
      oldActions: actionsOf(current),
      current,
    }));
  const bindingsLast = (a: PlannedChange, b: PlannedChange) =>
    Number(a.kind === BINDING_KIND) - Number(b.kind === BINDING_KIND);
  return {
    changes: [
      ...applies.sort(bindingsLast),
      ...deletes.sort((a, b) => bindingsLast(b, a)),
    ],
    unmanaged,
    inPlace,
  };
}

function describe(object: AdmissionObject) {
  const guardrail =
    object.metadata.annotations?.[GUARDRAILS_GUARDRAIL_ID_ANNOTATION];
  const environment = environmentOf(object);
  return {
    kind: object.kind,
    name: object.metadata.name,
    ...(guardrail ? { guardrail } : {}),
    ...(environment ? { environment } : {}),
  };
}
