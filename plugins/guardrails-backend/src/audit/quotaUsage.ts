import {
  decodeEntityRefFromLabel,
  GUARDRAILS_COST_CENTER_LABEL,
  GUARDRAILS_ENTITY_REF_ANNOTATION,
  GUARDRAILS_ENVIRONMENT_LABEL,
  GUARDRAILS_OWNER_LABEL,
  GUARDRAILS_SIZE_ANNOTATION,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  KubernetesManifest,
  parseQuantity,
} from '@guardrails-dev/plugin-guardrails-engine';
import type { QuotaNamespace, QuotaUsage } from '../db';

/** Longest name, key and ref kept: what a cluster writes is bounded before it is stored. */
const MAX_NAME = 253;
const MAX_QUANTITY = 64;
/** Resources kept per quota: Kubernetes has a few dozen kinds of quota key; more is not a real quota. */
const MAX_RESOURCES_PER_QUOTA = 64;

/**
 * A cluster's namespaces and quota use, from the Namespace and ResourceQuota objects the audit lists anyway (no
 * request of its own): every namespace with what it says of itself, and one row per quota and resource of
 * status.hard, with status.used where the quota controller reported it. A quota the controller has not seen yet has
 * no status.hard and gives no row.
 */
export function quotaUsage(
  objects: Iterable<KubernetesManifest>,
  namespaceObjects: ReadonlyMap<string, KubernetesManifest>,
  cluster: string,
  clusterEnvironment: string,
): { namespaces: QuotaNamespace[]; usage: QuotaUsage[] } {
  const namespaces = new Map<string, QuotaNamespace>();
  for (const [name, object] of namespaceObjects) {
    if (bounded(name)) {
      namespaces.set(name, {
        cluster,
        namespace: name,
        ...namespaceFields(object, clusterEnvironment),
      });
    }
  }
  const usage: QuotaUsage[] = [];
  for (const object of objects) {
    if (object.kind !== 'ResourceQuota' || object.apiVersion !== 'v1') continue;
    const { name, namespace } = object.metadata ?? {};
    const about = bounded(namespace) ? namespaces.get(namespace) : undefined;
    if (!bounded(name) || !about) continue;
    const status = (object as { status?: QuotaStatus }).status ?? {};
    const hard = quantities(status.hard);
    const used = quantities(status.used);
    for (const [resource, hardText] of Object.entries(hard).slice(
      0,
      MAX_RESOURCES_PER_QUOTA,
    )) {
      if (!bounded(resource)) continue;
      const usedText = used[resource];
      usage.push({
        cluster,
        environment: about.environment,
        namespace: about.namespace,
        quota: name,
        resource,
        ...(about.entityRef ? { entityRef: about.entityRef } : {}),
        ...(about.costCenter ? { costCenter: about.costCenter } : {}),
        hard: hardText,
        ...(usedText !== undefined ? { used: usedText } : {}),
        ...numeric('hardValue', hardText),
        ...(usedText !== undefined ? numeric('usedValue', usedText) : {}),
      });
    }
  }
  return { namespaces: [...namespaces.values()], usage };
}

interface QuotaStatus {
  hard?: unknown;
  used?: unknown;
}

function bounded(text: unknown): text is string {
  return typeof text === 'string' && text.length > 0 && text.length <= MAX_NAME;
}

/** The string values of a status map; anything else is not a quantity Kubernetes wrote. */
function quantities(map: unknown): Record<string, string> {
  if (!map || typeof map !== 'object' || Array.isArray(map)) return {};
  return Object.fromEntries(
    Object.entries(map as Record<string, unknown>).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' &&
        entry[1].length > 0 &&
        entry[1].length <= MAX_QUANTITY,
    ),
  );
}

function numeric(
  field: 'hardValue' | 'usedValue',
  text: string,
): Partial<QuotaUsage> {
  try {
    const value = parseQuantity(text).asApproximateFloat();
    return Number.isFinite(value) ? { [field]: value } : {};
  } catch {
    return {};
  }
}

/** What a namespace says of itself: the environment, component, owner, size and cost centre it was provisioned with. */
function namespaceFields(
  namespace: KubernetesManifest,
  clusterEnvironment: string,
): Omit<QuotaNamespace, 'cluster' | 'namespace'> {
  const labels = namespace.metadata?.labels ?? {};
  const annotations = namespace.metadata?.annotations ?? {};
  const environment = labels[GUARDRAILS_ENVIRONMENT_LABEL];
  const entityRef = normalizeEntityRef(
    annotations[GUARDRAILS_ENTITY_REF_ANNOTATION] ?? '',
  );
  const owner = labels[GUARDRAILS_OWNER_LABEL]
    ? decodeEntityRefFromLabel(labels[GUARDRAILS_OWNER_LABEL])
    : undefined;
  const size = annotations[GUARDRAILS_SIZE_ANNOTATION];
  const costCenter = labels[GUARDRAILS_COST_CENTER_LABEL];
  return {
    // The environment provisioning named the namespace's catalog entity after.
    environment: bounded(environment) ? environment : clusterEnvironment,
    ...(bounded(entityRef) ? { entityRef } : {}),
    ...(bounded(owner) ? { owner } : {}),
    ...(bounded(size) && size.length <= MAX_QUANTITY ? { size } : {}),
    ...(bounded(costCenter) ? { costCenter } : {}),
  };
}
