import {
  Guardrail,
  GuardrailResult,
  isEnforcingLevel,
  ResultSummary,
} from '@guardrails-dev/plugin-guardrails-common';
import { InputError } from '@backstage/errors';
import {
  CompiledPack,
  effectiveLevel,
  evaluateObjects,
  readsObjectStatus,
  summarize,
} from '@guardrails-dev/plugin-guardrails-engine';
import { inNamespace, targetNamespaceObject } from './targetNamespace';
import { ReportContext, resourceKey, summaryLine } from './validationReport';
import { SourcedObject } from './workspaceManifests';

/** What one check of manifests against an environment's rollout stage found. */
export interface ManifestCheck {
  /** The objects as checked: in the namespace, when one was given. */
  objects: SourcedObject[];
  results: GuardrailResult[];
  counts: ResultSummary;
  /** One line for template output. */
  summary: string;
  /** Results that must stop the work: failures, and errors of enforced guardrails. */
  blocking: GuardrailResult[];
  warnings: GuardrailResult[];
  /** For the readable report of the results. */
  context: ReportContext;
}

/**
 * Evaluates manifests against the pack at the environment's current rollout stage, as they would be applied:
 * namespaced objects in `namespace` (with the labels provisioning gives it), exemptions of `entityRef` applying.
 * Shared by the pre-flight (`guardrails:validate`) and the apply, which checks again what it writes.
 */
export function checkManifests(
  pack: CompiledPack,
  guardrails: ReadonlyMap<string, Guardrail>,
  request: {
    sourced: SourcedObject[];
    environment: string;
    namespace?: string;
    entityRef?: string;
    at: Date;
    maxExemptionDays?: number;
    /** Guardrails whose violations block whatever their rollout stage: what this step creates must comply. */
    enforce?: ReadonlySet<string>;
  },
): ManifestCheck {
  const { environment, namespace, entityRef, at } = request;
  const enforce = request.enforce ?? new Set<string>();
  // A guardrail with no stage in force here is not evaluated at all: enforcing it would check nothing.
  const idle = [...enforce].filter(
    id =>
      guardrails.has(id) &&
      !effectiveLevel(guardrails.get(id)!, environment, at),
  );
  if (idle.length > 0) {
    throw new InputError(
      `enforce names ${idle
        .map(id => `'${id}'`)
        .join(
          ', ',
        )}, which has no rollout stage in force in ${environment} and so would check nothing there; give it a stage in ${environment} or leave it out`,
    );
  }
  const liveOnly = [...enforce].filter(
    id => guardrails.has(id) && readsObjectStatus(guardrails.get(id)!),
  );
  if (liveOnly.length > 0) {
    throw new InputError(
      `enforce names ${liveOnly
        .map(id => `'${id}'`)
        .join(
          ', ',
        )}, which reads object.status and so applies to live objects only: manifests have no status, so it would check nothing here; leave it out`,
    );
  }
  const objects = namespace
    ? inNamespace(request.sourced, namespace)
    : request.sourced;
  const results = evaluateObjects(
    pack,
    objects.map(s => s.object),
    {
      environment,
      at,
      source: 'template',
      // Nothing here was read from a cluster: guardrails reading object.status apply to live objects only.
      objectsFrom: 'manifests',
      ...(namespace
        ? {
            namespaces: {
              [namespace]: targetNamespaceObject(namespace, environment),
            },
          }
        : {}),
      ...(entityRef ? { entityRefFor: () => entityRef } : {}),
    },
  );
  const counts = summarize(results);
  return {
    objects,
    results,
    counts,
    summary: summaryLine(environment, counts, objects.length),
    blocking: results.filter(r => blocks(r, enforce)),
    warnings: results.filter(r => r.result === 'warn' && !blocks(r, enforce)),
    context: {
      environment,
      at,
      guardrails,
      entityRef,
      maxExemptionDays: request.maxExemptionDays,
      enforced: enforce,
      sources: new Map(
        objects.map(s => [
          resourceKey({
            kind: s.object.kind,
            namespace: s.object.metadata?.namespace,
            name: s.object.metadata?.name ?? '',
          }),
          s.source,
        ]),
      ),
    },
  };
}

function blocks(result: GuardrailResult, enforce: ReadonlySet<string>) {
  if (enforce.has(result.guardrail)) {
    return (
      result.result === 'fail' ||
      result.result === 'warn' ||
      result.result === 'error'
    );
  }
  return (
    result.result === 'fail' ||
    (result.result === 'error' && isEnforcingLevel(result.level))
  );
}

/**
 * The guardrails named by an `enforce` input, refusing IDs the pack does not have: an unknown guardrail would
 * check nothing, and a step that promised to enforce it must not pass as if it had.
 */
export function enforcedGuardrails(
  ids: string[] | undefined,
  guardrails: ReadonlyMap<string, Guardrail>,
): { enforce: ReadonlySet<string>; problem?: string } {
  const unknown = (ids ?? []).filter(id => !guardrails.has(id));
  return {
    enforce: new Set(ids ?? []),
    ...(unknown.length > 0
      ? {
          problem: `enforce names ${unknown
            .map(id => `'${id}'`)
            .join(', ')}, which the platform's pack does not have`,
        }
      : {}),
  };
}
