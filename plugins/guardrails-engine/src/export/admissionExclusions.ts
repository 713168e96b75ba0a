import {
  Exemption,
  ExemptionResource,
  Guardrail,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import { isPodRule } from '../evaluation/matching';
import {
  EntityScope,
  ScopeClause,
  scopeClauses,
} from '../exemptions/exemptionScope';
import { isExemptionExpired } from '../exemptions/findExemption';
import {
  clauseCondition,
  descendantsCondition,
  exemptionsMatchCondition,
  inEnvironments,
} from './exemptionConditions';
import { resourceNameOf } from './resourceNames';

/**
 * Where each catalog entity's objects are, for exemptions scoped to an
 * entity: a mapping from entity ref (compared case-insensitively) or a lookup.
 * @public
 */
export type EntityScopes =
  | Readonly<Record<string, EntityScope>>
  | ((entityRef: string) => EntityScope | undefined);

/** An active exemption that admission does not honour, and why. @public */
export interface UnresolvedExemption {
  exemption: string;
  reason: string;
}

/** An active exemption with its scope as clauses. */
export interface ResolvedExemption {
  exemption: Exemption;
  clauses: ScopeClause[];
}

/** A binding's `matchResources.excludeResourceRules` entry. */
export interface ExcludedResourceRule {
  apiGroups: string[];
  apiVersions: string[];
  operations: string[];
  resources: string[];
  resourceNames: string[];
  scope: string;
}

/** What one environment's binding leaves out. */
export interface BindingExclusions {
  /** Namespaces left out by name (`kubernetes.io/metadata.name NotIn`). */
  namespaces: string[];
  resourceRules: ExcludedResourceRule[];
  /** The exemptions honoured in this environment. */
  exemptions: string[];
}

function entityLookup(
  scopes: EntityScopes | undefined,
): (ref: string) => EntityScope | undefined {
  if (typeof scopes === 'function') {
    return ref => scopes(ref);
  }
  const byRef = new Map(
    Object.entries(scopes ?? {}).map(([ref, scope]) => [
      normalizeEntityRef(ref) ?? ref,
      scope,
    ]),
  );
  return ref => byRef.get(ref);
}

/**
 * The exemptions admission honours at `at` in the environments exported:
 * active ones, their entities resolved through `entityScopes`. Exemptions
 * whose entity is unknown exclude nothing (fail closed) and are listed.
 */
export function resolveExemptions(
  exemptions: ReadonlyArray<Exemption>,
  options: {
    at: Date;
    environments: readonly string[];
    entityScopes?: EntityScopes;
  },
): { resolved: ResolvedExemption[]; unresolved: UnresolvedExemption[] } {
  const lookup = entityLookup(options.entityScopes);
  const resolved: ResolvedExemption[] = [];
  const unresolved: UnresolvedExemption[] = [];
  for (const exemption of exemptions) {
    const scoped = exemption.scope.environments;
    if (
      isExemptionExpired(exemption, options.at) ||
      (scoped && !options.environments.some(e => scoped.includes(e)))
    ) {
      continue;
    }
    const entity = exemption.scope.entity;
    const entityScope =
      entity !== undefined
        ? lookup(normalizeEntityRef(entity) ?? entity)
        : undefined;
    if (entity !== undefined && !entityScope) {
      unresolved.push({
        exemption: exemption.name,
        reason: `its entity ${entity} has no known namespaces or resources in the cluster, so admission does not exclude it`,
      });
      continue;
    }
    resolved.push({
      exemption,
      clauses: scopeClauses(exemption.scope, entityScope),
    });
  }
  return { resolved, unresolved };
}

/** A binding rule leaving out a resource by name in any namespace; undefined for an unknown kind. */
function excludedRule(
  resource: ExemptionResource,
  resourceNames: Readonly<Record<string, string>>,
): ExcludedResourceRule | undefined {
  const [group, version] = resource.apiVersion?.includes('/')
    ? resource.apiVersion.split('/')
    : ['', resource.apiVersion];
  const plural = resourceNameOf(
    version === undefined ? '*' : group,
    resource.kind,
    resourceNames,
  );
  if (plural === undefined) return undefined;
  return {
    apiGroups: [version === undefined ? '*' : group],
    apiVersions: [version ?? '*'],
    operations: ['*'],
    resources: [plural],
    resourceNames: [resource.name],
    scope: '*',
  };
}

/**
 * How a guardrail's policy and bindings leave out the exemptions naming it.
 * Each clause goes where it is expressed exactly: namespaces in each
 * environment's binding namespace selector, a resource in any namespace in
 * the binding's excludeResourceRules, a resource in given namespaces in the
 * policy's match condition (bindings cannot restrict a resource rule to a
 * namespace), guarded by the environment label when the exemption does not
 * hold in every environment exported. For pod rules, what a workload's
 * controllers create is left out with the workload.
 */
export function guardrailExclusions(
  guardrail: Guardrail,
  resolved: ReadonlyArray<ResolvedExemption>,
  options: {
    environments: readonly string[];
    resourceNames: Readonly<Record<string, string>>;
  },
): { condition?: string; bindings: Map<string, BindingExclusions> } {
  const bindings = new Map<string, BindingExclusions>(
    options.environments.map(env => [
      env,
      { namespaces: [], resourceRules: [], exemptions: [] },
    ]),
  );
  const conditions = new Set<string>();
  const podRule = isPodRule(guardrail.match);
  for (const { exemption, clauses } of resolved) {
    if (!exemption.guardrails.includes(guardrail.id)) continue;
    const scoped = exemption.scope.environments;
    const environments = options.environments.filter(
      env => !scoped || scoped.includes(env),
    );
    if (environments.length === 0) continue;
    const guard =
      environments.length < options.environments.length
        ? inEnvironments(environments)
        : undefined;
    const guarded = (condition: string) =>
      guard ? `${guard} && ${condition}` : condition;
    const inBindings = (add: (exclusions: BindingExclusions) => void) =>
      environments.forEach(env => add(bindings.get(env)!));
    inBindings(b => b.exemptions.push(exemption.name));
    for (const clause of clauses) {
      const resource = clause.resource;
      const rule =
        resource && resource.namespace === undefined && !clause.namespaces
          ? excludedRule(resource, options.resourceNames)
          : undefined;
      if (!resource) {
        inBindings(b => b.namespaces.push(...(clause.namespaces ?? [])));
      } else if (rule) {
        inBindings(b => b.resourceRules.push(rule));
      } else {
        conditions.add(guarded(clauseCondition(clause)));
      }
      const descendants = podRule ? descendantsCondition(clause) : undefined;
      if (descendants) conditions.add(guarded(descendants));
    }
  }
  for (const exclusions of bindings.values()) {
    exclusions.namespaces = [...new Set(exclusions.namespaces)].sort();
    exclusions.exemptions = [...new Set(exclusions.exemptions)].sort();
  }
  return {
    ...(conditions.size > 0
      ? {
          condition: exemptionsMatchCondition([...conditions]),
        }
      : {}),
    bindings,
  };
}
