import { Quantity } from '@guardrails-dev/plugin-guardrails-engine';
import { findByKind, ResourceType } from '../api/resources';
import { ApiError } from '../api/status';
import { isPlainObject, KubeObject } from '../store/objects';
import { ObjectStore } from '../store/ObjectStore';
import {
  podContainers,
  podResources,
  resourceList,
  ResourceList,
} from './podResources';

const LIMIT_RANGES = findByKind('v1', 'LimitRange') as ResourceType;

/** `minConstraint`: the request, and the limit when set, at least `min`. */
function minProblem(
  name: string,
  scope: string,
  min: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  if (!request)
    return `minimum ${name} usage per ${scope} is ${min}.  No request is specified`;
  if (request.isLessThan(min))
    return `minimum ${name} usage per ${scope} is ${min}, but request is ${request}`;
  if (limit && limit.isLessThan(min))
    return `minimum ${name} usage per ${scope} is ${min}, but limit is ${limit}`;
  return undefined;
}

/** `maxConstraint`: a limit is required and at most `max`, and so is the request when set. */
function maxProblem(
  name: string,
  scope: string,
  max: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  if (!limit)
    return `maximum ${name} usage per ${scope} is ${max}.  No limit is specified`;
  if (limit.isGreaterThan(max))
    return `maximum ${name} usage per ${scope} is ${max}, but limit is ${limit}`;
  if (request && request.isGreaterThan(max))
    return `maximum ${name} usage per ${scope} is ${max}, but request is ${request}`;
  return undefined;
}

/** `limitRequestRatioConstraint`: limit / request at most the ratio; Go's `%f` prints six decimals. */
function ratioProblem(
  name: string,
  scope: string,
  ratio: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  if (!request || request.isZero())
    return `${name} max limit to request ratio per ${scope} is ${ratio}, but no request is specified or request is 0`;
  if (!limit || limit.isZero())
    return `${name} max limit to request ratio per ${scope} is ${ratio}, but no limit is specified or limit is 0`;
  const observed = limit.asApproximateFloat() / request.asApproximateFloat();
  if (observed > ratio.asApproximateFloat())
    return `${name} max limit to request ratio per ${scope} is ${ratio}, but provided ratio is ${observed.toFixed(
      6,
    )}`;
  return undefined;
}

type Check = typeof minProblem;
const CHECKS: Array<[string, Check]> = [
  ['min', minProblem],
  ['max', maxProblem],
  ['maxLimitRequestRatio', ratioProblem],
];

function problemsFor(
  item: Record<string, unknown>,
  scope: string,
  requests: ResourceList,
  limits: ResourceList,
): string[] {
  const problems: string[] = [];
  for (const [field, check] of CHECKS) {
    for (const [name, bound] of resourceList(item[field])) {
      const problem = check(name, scope, bound, requests, limits);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

/**
 * LimitRanger's validation of a pod at creation (`PodValidateLimitFunc`), after its defaults: each container
 * against the namespace's `Container` items and the whole pod against its `Pod` items (`min`, `max`,
 * `maxLimitRequestRatio`), refused with 403 Forbidden and the plugin's messages, several in brackets.
 */
export function validateLimitRanges(
  store: ObjectStore,
  pod: KubeObject,
  name: string,
): void {
  const problems: string[] = [];
  for (const { object } of store.scan(LIMIT_RANGES, pod.metadata.namespace)) {
    const spec = isPlainObject(object.spec) ? object.spec : {};
    const items = Array.isArray(spec.limits)
      ? spec.limits.filter(isPlainObject)
      : [];
    for (const item of items) {
      if (item.type === 'Container')
        for (const c of podContainers(pod))
          problems.push(
            ...problemsFor(item, 'Container', c.requests, c.limits),
          );
      if (item.type === 'Pod')
        problems.push(
          ...problemsFor(
            item,
            'Pod',
            podResources(pod, 'requests'),
            podResources(pod, 'limits'),
          ),
        );
    }
  }
  if (problems.length === 0) return;
  const text = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
  throw new ApiError(403, 'Forbidden', `pods "${name}" is forbidden: ${text}`, {
    name,
    kind: 'pods',
  });
}
