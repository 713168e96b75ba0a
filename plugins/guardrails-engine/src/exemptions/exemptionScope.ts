import {
  ExemptionResource,
  ExemptionScope,
} from '@guardrails-dev/plugin-guardrails-common';
import type { ExemptionTarget } from './findExemption';

/**
 * Where a catalog entity's objects are in a cluster, as the caller knows it
 * (the engine has no catalog): its namespaces (every object in them, and the
 * Namespaces themselves) and named resources. Exemptions scoped to the entity
 * reach admission through it.
 * @public
 */
export interface EntityScope {
  namespaces?: string[];
  resources?: ExemptionResource[];
}

/**
 * One part of an exemption's scope: objects in one of `namespaces` (when
 * given) matching `resource` (when given). An exemption covers the union of
 * its clauses.
 */
export interface ScopeClause {
  namespaces?: string[];
  resource?: ExemptionResource;
}

/** What a clause is checked against: the object a result is reported on. */
export type ClauseTarget = Pick<ExemptionTarget, 'namespace' | 'resource'>;

/**
 * The namespace an exemption sees a target in: the object's namespace, and
 * for a Namespace its own name, as admission's namespace selectors see a
 * Namespace by its own labels.
 */
export function targetNamespace(target: ClauseTarget): string | undefined {
  const resource = target.resource;
  if (resource?.namespace ?? target.namespace) {
    return resource?.namespace ?? target.namespace;
  }
  const core =
    resource?.apiVersion === undefined || resource.apiVersion === 'v1';
  return resource?.kind === 'Namespace' && core ? resource.name : undefined;
}

function resourceMatches(
  wanted: ExemptionResource,
  target: ClauseTarget,
): boolean {
  const resource = target.resource;
  return (
    resource !== undefined &&
    wanted.kind === resource.kind &&
    wanted.name === resource.name &&
    (wanted.apiVersion === undefined ||
      wanted.apiVersion === resource.apiVersion) &&
    (wanted.namespace === undefined ||
      wanted.namespace === targetNamespace(target))
  );
}

/** Whether a clause covers a target. */
export function clauseCovers(
  clause: ScopeClause,
  target: ClauseTarget,
): boolean {
  const namespace = targetNamespace(target);
  return (
    (clause.namespaces === undefined ||
      (namespace !== undefined && clause.namespaces.includes(namespace))) &&
    (clause.resource === undefined || resourceMatches(clause.resource, target))
  );
}

/** Two resource patterns as one matching what both match; undefined when nothing does. */
function bothResources(
  a: ExemptionResource,
  b: ExemptionResource,
): ExemptionResource | undefined {
  const agree = (x?: string, y?: string) =>
    x === undefined || y === undefined || x === y;
  if (
    a.kind !== b.kind ||
    a.name !== b.name ||
    !agree(a.apiVersion, b.apiVersion) ||
    !agree(a.namespace, b.namespace)
  ) {
    return undefined;
  }
  const apiVersion = a.apiVersion ?? b.apiVersion;
  const namespace = a.namespace ?? b.namespace;
  return {
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    kind: a.kind,
    name: a.name,
    ...(namespace !== undefined ? { namespace } : {}),
  };
}

function bothNamespaces(
  a: string[] | undefined,
  b: string[] | undefined,
): string[] | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : a.filter(namespace => b.includes(namespace));
}

/** A clause in its simplest form; undefined when it can cover nothing. */
function simplified(
  namespaces: string[] | undefined,
  resource: ExemptionResource | undefined,
): ScopeClause | undefined {
  if (namespaces !== undefined && namespaces.length === 0) return undefined;
  if (resource?.namespace !== undefined && namespaces !== undefined) {
    return namespaces.includes(resource.namespace) ? { resource } : undefined;
  }
  if (namespaces === undefined && resource === undefined) return undefined;
  return {
    ...(namespaces !== undefined
      ? { namespaces: [...new Set(namespaces)] }
      : {}),
    ...(resource !== undefined ? { resource } : {}),
  };
}

/**
 * An exemption's scope, apart from its environments, as clauses. Every field
 * given must match: an `entity` stands for what `entityScope` says it owns,
 * intersected with `namespaces` and `resources`. With an entity and no
 * `entityScope` (unknown to the caller) the scope is empty; a scope naming
 * nothing at all is empty too, since an exemption never covers a whole
 * environment. The audit checks these clauses against the entity ref of
 * each object instead (see {@link exemptionCovers}).
 */
export function scopeClauses(
  scope: ExemptionScope,
  entityScope?: EntityScope,
): ScopeClause[] {
  let owned: ScopeClause[] = [{}];
  if (scope.entity !== undefined) {
    owned = [
      ...(entityScope?.namespaces?.length
        ? [{ namespaces: entityScope.namespaces }]
        : []),
      ...(entityScope?.resources ?? []).map(resource => ({ resource })),
    ];
  }
  const clauses: ScopeClause[] = [];
  for (const part of owned) {
    const namespaces = bothNamespaces(part.namespaces, scope.namespaces);
    const resources = scope.resources
      ? scope.resources.map(resource =>
          part.resource ? bothResources(part.resource, resource) : resource,
        )
      : [part.resource];
    for (const resource of resources) {
      if (scope.resources && !resource) continue;
      const clause = simplified(namespaces, resource);
      if (clause) clauses.push(clause);
    }
  }
  return clauses;
}
