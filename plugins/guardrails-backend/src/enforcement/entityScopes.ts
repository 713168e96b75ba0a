import {
  Exemption,
  ExemptionResource,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  EntityScope,
  isExemptionExpired,
} from '@guardrails-dev/plugin-guardrails-engine';
import type { GuardrailsStore } from '../db';

/** What the audit stored about which entity owns which object: its results and the namespaces it provisioned. */
export type AuditedOwnership = Pick<
  GuardrailsStore,
  'resultsForEntity' | 'provisionedNamespaces'
>;

/** The entities named by exemptions active at `at` in any of `environments`, as full lower-case refs. */
export function exemptedEntities(
  exemptions: ReadonlyArray<Exemption>,
  environments: readonly string[],
  at: Date,
): string[] {
  const refs = exemptions.flatMap(exemption => {
    const { entity, environments: scoped } = exemption.scope;
    if (entity === undefined || isExemptionExpired(exemption, at)) return [];
    if (scoped && !scoped.some(e => environments.includes(e))) return [];
    return [normalizeEntityRef(entity) ?? entity];
  });
  return [...new Set(refs)].sort();
}

/**
 * Where each entity's objects are in one cluster, as the cluster's last successful audit attributed them (the
 * audit's EntityIndex, through the entity of each stored result): the Namespaces attributed to the entity or
 * provisioned for it, whose objects it owns unless labelled for another; and, outside those, each object
 * attributed to it, by name. So an entity-scoped exemption leaves out at admission what it covers in the audit,
 * and new objects in the entity's namespaces too. Entities without any are left out: admission then excludes
 * nothing for them, and says so.
 */
export async function auditedEntityScopes(
  ownership: AuditedOwnership,
  cluster: string,
  entityRefs: readonly string[],
): Promise<Record<string, EntityScope>> {
  if (entityRefs.length === 0) return {};
  const provisioned = (await ownership.provisionedNamespaces()).filter(
    p => p.cluster === cluster,
  );
  const scopes: Record<string, EntityScope> = {};
  for (const entityRef of entityRefs) {
    const results = (
      await ownership.resultsForEntity(entityRef, { includePassing: true })
    ).filter(r => r.cluster === cluster);
    const namespaces = new Set([
      ...provisioned
        .filter(p => p.entityRef === entityRef)
        .map(p => p.namespace),
      ...results
        .filter(r => r.resource.kind === 'Namespace' && !r.resource.namespace)
        .map(r => r.resource.name),
    ]);
    const resources = new Map<string, ExemptionResource>();
    for (const { resource } of results) {
      if (resource.kind === 'Namespace' && !resource.namespace) continue;
      if (resource.namespace && namespaces.has(resource.namespace)) continue;
      const named: ExemptionResource = {
        apiVersion: resource.apiVersion,
        kind: resource.kind,
        name: resource.name,
        ...(resource.namespace ? { namespace: resource.namespace } : {}),
      };
      resources.set(JSON.stringify(named), named);
    }
    if (namespaces.size === 0 && resources.size === 0) continue;
    // Sorted: the same attribution gives the same objects, so a sync with nothing due writes nothing.
    scopes[entityRef] = {
      ...(namespaces.size > 0 ? { namespaces: [...namespaces].sort() } : {}),
      ...(resources.size > 0
        ? {
            resources: [...resources.entries()]
              .sort(([a], [b]) => byCodePoint(a, b))
              .map(([, r]) => r),
          }
        : {}),
    };
  }
  return scopes;
}

function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
