import {
  ExemptionResource,
  GUARDRAILS_ENVIRONMENT_LABEL,
} from '@guardrails-dev/plugin-guardrails-common';
import { ScopeClause } from '../exemptions/exemptionScope';
import { INFERRED_OWNERS } from '../evaluation/ownership';

// CEL over the admission request, for a policy's matchConditions (which
// cannot use variables). They read the object as `requestObject`, bound by
// exemptionsMatchCondition to `object`, or `oldObject` on DELETE, and guard
// every optional field, since an error would deny under failurePolicy Fail.
const lit = JSON.stringify;
const OBJECT = 'requestObject';
const IS_NAMESPACE =
  'request.kind.group == "" && request.kind.kind == "Namespace"';
const NAME = '(has(request.name) ? request.name : "")';
/** The namespace exemptions see the request in: a Namespace is in its own. */
const NAMESPACE = `(${IS_NAMESPACE} ? ${NAME} : (has(request.namespace) ? request.namespace : ""))`;
/** The labels bindings select the request's environment by. */
const ENVIRONMENT_LABELS = `(${IS_NAMESPACE} ? (has(${OBJECT}.metadata.labels) ? ${OBJECT}.metadata.labels : {}) : (namespaceObject != null && has(namespaceObject.metadata.labels) ? namespaceObject.metadata.labels : {}))`;
const OWNERS = `(has(${OBJECT}.metadata.ownerReferences) ? ${OBJECT}.metadata.ownerReferences : [])`;
const IS_CONTROLLER = 'has(o.controller) && o.controller == true';

function isKind(group: string, kind: string): string {
  return `request.kind.group == ${lit(group)} && request.kind.kind == ${lit(
    kind,
  )}`;
}

/** The request's object is in one of `environments` (cluster-scoped objects are in none). */
export function inEnvironments(environments: readonly string[]): string {
  const key = lit(GUARDRAILS_ENVIRONMENT_LABEL);
  return `[${ENVIRONMENT_LABELS}].exists(l, ${key} in l && l[${key}] in ${lit(
    environments,
  )})`;
}

function apiVersionParts(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}

function namespaceTerms(clause: ScopeClause): string[] {
  return [
    ...(clause.namespaces ? [`${NAMESPACE} in ${lit(clause.namespaces)}`] : []),
    ...(clause.resource?.namespace !== undefined
      ? [`${NAMESPACE} == ${lit(clause.resource.namespace)}`]
      : []),
  ];
}

/** The request is about the clause's resource itself (and in its namespaces). */
export function clauseCondition(clause: ScopeClause): string {
  const terms = namespaceTerms(clause);
  const resource = clause.resource;
  if (resource) {
    terms.unshift(
      `request.kind.kind == ${lit(resource.kind)}`,
      `${NAME} == ${lit(resource.name)}`,
    );
    if (resource.apiVersion !== undefined) {
      const { group, version } = apiVersionParts(resource.apiVersion);
      terms.push(
        `request.kind.group == ${lit(group)}`,
        `request.kind.version == ${lit(version)}`,
      );
    }
  }
  return terms.join(' && ');
}

/** An owner reference naming the resource, its API version compared when the exemption gives one. */
function namesOwner(resource: ExemptionResource): string {
  const version =
    resource.apiVersion !== undefined
      ? ` && o.apiVersion == ${lit(resource.apiVersion)}`
      : '';
  return `owners.exists(o, o.kind == ${lit(resource.kind)} && o.name == ${lit(
    resource.name,
  )}${version})`;
}

/** An owner reference to what the resource's controller creates, named `<name>-<suffix>`. */
function namesChild(kind: string, name: string, suffix: RegExp): string {
  const prefix = `${name}-`;
  return `owners.exists(o, o.kind == ${lit(kind)} && o.name.startsWith(${lit(
    prefix,
  )}) && o.name.substring(${prefix.length}).matches(${lit(suffix.source)}))`;
}

/**
 * The request is about an object the resource's controllers create: a
 * Deployment's ReplicaSets and their Pods, a CronJob's Jobs and their Pods,
 * the Pods of a StatefulSet, DaemonSet, ReplicaSet, ReplicationController or
 * Job. The audit reports their pod rules on the workload, so an exemption of
 * the workload covers them too. Owners are the controller references, or all
 * references when none is a controller, as in the audit; names created by a
 * controller follow the audit's naming scheme. Undefined for other kinds.
 */
export function descendantsCondition(clause: ScopeClause): string | undefined {
  const resource = clause.resource;
  if (!resource) return undefined;
  const pod = isKind('', 'Pod');
  const alternatives: string[] = [];
  const child = Object.entries(INFERRED_OWNERS).find(
    ([, owner]) => owner.kind === resource.kind,
  );
  if (child) {
    const [childKind, { suffix }] = child;
    const group = childKind === 'ReplicaSet' ? 'apps' : 'batch';
    alternatives.push(
      `${isKind(group, childKind)} && ${namesOwner(resource)}`,
      `${pod} && ${namesChild(childKind, resource.name, suffix)}`,
    );
  } else if (
    [
      'StatefulSet',
      'DaemonSet',
      'ReplicaSet',
      'ReplicationController',
      'Job',
    ].includes(resource.kind)
  ) {
    alternatives.push(`${pod} && ${namesOwner(resource)}`);
  } else {
    return undefined;
  }
  const owners = `[${OWNERS}].exists(refs, [refs.exists(o, ${IS_CONTROLLER}) ? refs.filter(o, ${IS_CONTROLLER}) : refs].exists(owners, ${alternatives
    .map(a => `(${a})`)
    .join(' || ')}))`;
  return [...namespaceTerms(clause), owners].join(' && ');
}

/** The match condition of a policy: false for requests any of the conditions describe. */
export function exemptionsMatchCondition(
  conditions: readonly string[],
): string {
  return `[object != null ? object : oldObject].all(${OBJECT}, !(${conditions
    .map(c => `(${c})`)
    .join(' || ')}))`;
}
