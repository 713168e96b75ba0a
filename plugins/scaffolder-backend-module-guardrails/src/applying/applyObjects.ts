import { InputError } from '@backstage/errors';
import { KubernetesManifest } from '@guardrails-dev/plugin-guardrails-engine';
import { SourcedObject } from '../validation/workspaceManifests';

/** A kind `guardrails:manifests:apply` may write, as the template names it. */
export interface ApplyableKind {
  apiVersion: string;
  kind: string;
}

/** Most objects one run applies per namespace: template output, not a deployment pipeline. */
export const MAX_APPLY_OBJECTS = 20;

/**
 * Refuses, naming every problem, objects that are not of the template's kinds, that name a namespace of their
 * own (each goes into its environment's namespace), or that come twice; and more than
 * {@link MAX_APPLY_OBJECTS}. The workspace holds what template input rendered, so nothing else may reach a
 * cluster through this action.
 */
export function checkApplyObjects(
  sourced: SourcedObject[],
  kinds: ApplyableKind[],
): KubernetesManifest[] {
  const problems: string[] = [];
  if (sourced.length === 0) {
    problems.push('the paths hold no Kubernetes object');
  }
  if (sourced.length > MAX_APPLY_OBJECTS) {
    problems.push(
      `the paths hold ${sourced.length} objects; at most ${MAX_APPLY_OBJECTS} are applied in one step`,
    );
  }
  const seen = new Set<string>();
  for (const { object, source } of sourced) {
    const allowed = kinds.some(
      k => k.apiVersion === object.apiVersion && k.kind === object.kind,
    );
    if (!allowed) {
      problems.push(
        `${source}: ${object.kind} (${
          object.apiVersion
        }) is not among the kinds this step applies: ${kinds
          .map(k => `${k.kind} (${k.apiVersion})`)
          .join(', ')}`,
      );
    }
    if (object.metadata?.namespace !== undefined) {
      problems.push(
        `${source}: leave metadata.namespace out; each object goes into its environment's namespace`,
      );
    }
    const key = `${object.apiVersion}/${object.kind}/${object.metadata?.name}`;
    if (seen.has(key)) {
      problems.push(
        `${source}: ${object.kind} '${object.metadata?.name}' comes more than once`,
      );
    }
    seen.add(key);
  }
  if (problems.length > 0) {
    throw new InputError(
      `Nothing was applied; the manifests cannot be applied:\n${problems
        .map(p => `- ${p}`)
        .join('\n')}`,
    );
  }
  return sourced.map(s => s.object);
}
