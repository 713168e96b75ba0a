import {
  Guardrail,
  GUARDRAILS_COST_CENTER_LABEL,
  GUARDRAILS_ENTITY_REF_ANNOTATION,
  GUARDRAILS_ENVIRONMENT_LABEL,
  GUARDRAILS_MANAGED_BY_VALUE,
  GUARDRAILS_OWNER_REF_ANNOTATION,
  GUARDRAILS_SIZE_ANNOTATION,
  isEnforcingLevel,
  MANAGED_BY_LABEL,
  POD_SECURITY_AUDIT_LABEL,
  POD_SECURITY_ENFORCE_LABEL,
  POD_SECURITY_WARN_LABEL,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  BASELINE_OBJECT_NAMES,
  buildNamespaceBaseline,
  effectiveLevel,
  KubernetesManifest,
  NamespaceBaseline,
  parseQuantity,
} from '@guardrails-dev/plugin-guardrails-engine';
import {
  EnvironmentDefinition,
  toBaselineSize,
} from '@guardrails-dev/plugin-guardrails-node';

/** The guardrails a drifted baseline object violates. */
export const DRIFT_GUARDRAILS = {
  podSecurity: 'namespace.pod-security-level',
  quota: 'namespace.resource-quota',
  limitRange: 'namespace.limit-range',
  networkPolicy: 'namespace.default-deny-network-policy',
} as const;

/** One way a suite-provisioned namespace no longer matches its baseline, and the objects that restore it. */
export interface Drift {
  namespace: string;
  guardrail: string;
  message: string;
  restore: KubernetesManifest[];
}

const PSA_ORDER = ['privileged', 'baseline', 'restricted'];

/**
 * Compares each namespace the suite provisioned with the baseline its environment profile and recorded size
 * require now: a lowered Pod Security label, a removed or loosened quota, a removed limit range, a removed or
 * opened default-deny policy. Pure: the caller decides whether to restore.
 */
export function detectDrift(
  objects: KubernetesManifest[],
  environment: EnvironmentDefinition,
): Drift[] {
  const byNamespace = new Map<string, KubernetesManifest[]>();
  for (const object of objects) {
    const ns = object.metadata?.namespace;
    if (!ns) continue;
    const list = byNamespace.get(ns);
    if (list) list.push(object);
    else byNamespace.set(ns, [object]);
  }
  const drifts: Drift[] = [];
  for (const namespace of objects) {
    if (namespace.kind !== 'Namespace') continue;
    const baseline = expectedBaseline(namespace, environment);
    if (!baseline) continue;
    const name = namespace.metadata!.name!;
    const inNamespace = byNamespace.get(name) ?? [];
    const find = (kind: string, objectName: string) =>
      inNamespace.find(o => o.kind === kind && o.metadata?.name === objectName);
    const expected = (kind: string, objectName: string) =>
      baseline.objects.find(
        o => o.kind === kind && o.metadata?.name === objectName,
      )!;

    const lowered = [
      POD_SECURITY_ENFORCE_LABEL,
      POD_SECURITY_AUDIT_LABEL,
      POD_SECURITY_WARN_LABEL,
    ].filter(label => {
      const want = PSA_ORDER.indexOf(
        baseline.namespace.metadata!.labels![label],
      );
      const have = PSA_ORDER.indexOf(
        namespace.metadata?.labels?.[label] ?? 'privileged',
      );
      return have < want;
    });
    if (lowered.length > 0) {
      drifts.push({
        namespace: name,
        guardrail: DRIFT_GUARDRAILS.podSecurity,
        message: `baseline drift: ${lowered
          .map(l => `${l}=${namespace.metadata?.labels?.[l] ?? '(none)'}`)
          .join(', ')}; the environment requires ${
          baseline.namespace.metadata!.labels![POD_SECURITY_ENFORCE_LABEL]
        }`,
        restore: [baseline.namespace],
      });
    }

    const quota = find('ResourceQuota', BASELINE_OBJECT_NAMES.quota);
    const wantQuota = expected('ResourceQuota', BASELINE_OBJECT_NAMES.quota);
    const loosened = quota ? loosenedQuota(quota, wantQuota) : [];
    if (!quota || loosened.length > 0) {
      drifts.push({
        namespace: name,
        guardrail: DRIFT_GUARDRAILS.quota,
        message: quota
          ? `baseline drift: ResourceQuota ${
              BASELINE_OBJECT_NAMES.quota
            } loosened (${loosened.join(', ')})`
          : `baseline drift: ResourceQuota ${BASELINE_OBJECT_NAMES.quota} was removed`,
        restore: [wantQuota],
      });
    }

    const limits = find('LimitRange', BASELINE_OBJECT_NAMES.limitRange);
    if (!limits) {
      drifts.push({
        namespace: name,
        guardrail: DRIFT_GUARDRAILS.limitRange,
        message: `baseline drift: LimitRange ${BASELINE_OBJECT_NAMES.limitRange} was removed`,
        restore: [expected('LimitRange', BASELINE_OBJECT_NAMES.limitRange)],
      });
    }

    const deny = find('NetworkPolicy', BASELINE_OBJECT_NAMES.denyAll);
    const wantDeny = expected('NetworkPolicy', BASELINE_OBJECT_NAMES.denyAll);
    const opened = deny ? openedPolicy(deny, wantDeny) : undefined;
    if (!deny || opened) {
      drifts.push({
        namespace: name,
        guardrail: DRIFT_GUARDRAILS.networkPolicy,
        message: deny
          ? `baseline drift: NetworkPolicy ${BASELINE_OBJECT_NAMES.denyAll} ${opened}`
          : `baseline drift: NetworkPolicy ${BASELINE_OBJECT_NAMES.denyAll} was removed`,
        restore: [wantDeny],
      });
    }
  }
  return drifts;
}

/** The level a drift is handled at now: the drifted guardrail's stage in the environment. */
export function driftLevel(
  guardrails: Guardrail[],
  drift: Drift,
  environment: string,
  at: Date,
) {
  const guardrail = guardrails.find(g => g.id === drift.guardrail);
  if (!guardrail) return undefined;
  const level = effectiveLevel(guardrail, environment, at);
  return level
    ? { guardrail, level, enforcing: isEnforcingLevel(level) }
    : undefined;
}

function expectedBaseline(
  namespace: KubernetesManifest,
  environment: EnvironmentDefinition,
): NamespaceBaseline | undefined {
  const labels = namespace.metadata?.labels ?? {};
  const annotations = namespace.metadata?.annotations ?? {};
  if (labels[MANAGED_BY_LABEL] !== GUARDRAILS_MANAGED_BY_VALUE)
    return undefined;
  if (labels[GUARDRAILS_ENVIRONMENT_LABEL] !== environment.name)
    return undefined;
  const size =
    environment.profile.sizes[annotations[GUARDRAILS_SIZE_ANNOTATION] ?? ''];
  if (!size) return undefined;
  try {
    return buildNamespaceBaseline({
      namespace: namespace.metadata!.name!,
      environment: environment.name,
      owner: annotations[GUARDRAILS_OWNER_REF_ANNOTATION] ?? '',
      component: annotations[GUARDRAILS_ENTITY_REF_ANNOTATION] ?? '',
      costCenter: labels[GUARDRAILS_COST_CENTER_LABEL] ?? '',
      profile: environment.profile,
      size: toBaselineSize(size),
    });
  } catch {
    // Annotations edited beyond recognition: the namespace's own guardrails still report it.
    return undefined;
  }
}

function loosenedQuota(
  actual: KubernetesManifest,
  wanted: KubernetesManifest,
): string[] {
  const have = ((actual.spec as any)?.hard ?? {}) as Record<string, string>;
  const want = ((wanted.spec as any)?.hard ?? {}) as Record<string, string>;
  const problems: string[] = [];
  for (const [key, value] of Object.entries(want)) {
    if (have[key] === undefined) {
      problems.push(`${key} removed`);
      continue;
    }
    try {
      if (
        parseQuantity(String(have[key])).compareTo(parseQuantity(value)) > 0
      ) {
        problems.push(`${key} raised from ${value} to ${have[key]}`);
      }
    } catch {
      problems.push(`${key} is not a quantity: ${have[key]}`);
    }
  }
  return problems;
}

function openedPolicy(
  actual: KubernetesManifest,
  wanted: KubernetesManifest,
): string | undefined {
  const have = (actual.spec ?? {}) as any;
  const want = (wanted.spec ?? {}) as any;
  const selector = have.podSelector ?? {};
  if (
    Object.keys(selector.matchLabels ?? {}).length > 0 ||
    (selector.matchExpressions ?? []).length > 0
  ) {
    return 'no longer selects every pod';
  }
  const types: string[] = have.policyTypes ?? ['Ingress'];
  const missing = (want.policyTypes as string[]).filter(
    t => !types.includes(t),
  );
  if (missing.length > 0) return `no longer denies ${missing.join(' and ')}`;
  if ((have.ingress ?? []).length > 0 || (have.egress ?? []).length > 0)
    return 'now allows traffic';
  return undefined;
}
