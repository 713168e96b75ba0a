import { parseEntityRef } from './entityRef';

/** Prefix of every label and annotation the suite owns. @public */
export const GUARDRAILS_LABEL_PREFIX = 'guardrails.dev/';

// On provisioned namespaces.
/** Environment a namespace belongs to; admission bindings select on it. @public */
export const GUARDRAILS_ENVIRONMENT_LABEL = 'guardrails.dev/environment';
/** Owning group or user, encoded with {@link encodeEntityRefForLabel}. @public */
export const GUARDRAILS_OWNER_LABEL = 'guardrails.dev/owner';
/** @public */
export const GUARDRAILS_COMPONENT_LABEL = 'guardrails.dev/component';
/** @public */
export const GUARDRAILS_COST_CENTER_LABEL = 'guardrails.dev/cost-center';
/** Annotation holding the exact entity ref the namespace was provisioned for. @public */
export const GUARDRAILS_ENTITY_REF_ANNOTATION = 'guardrails.dev/entity-ref';

// On catalog entities, set by the catalog processor.
/** `compliant | violating | unknown`. @public */
export const GUARDRAILS_COMPLIANCE_LABEL = 'guardrails.dev/compliance';
/** Strictest level among failing guardrails in the most protected environment, or `none`. @public */
export const GUARDRAILS_ENFORCEMENT_LEVEL_LABEL =
  'guardrails.dev/enforcement-level';
/** @public */
export const GUARDRAILS_ROLLOUT_STAGE_LABEL = 'guardrails.dev/rollout-stage';
/** @public */
export const GUARDRAILS_PASS_COUNT_ANNOTATION = 'guardrails.dev/pass-count';
/** @public */
export const GUARDRAILS_FAIL_COUNT_ANNOTATION = 'guardrails.dev/fail-count';
/** @public */
export const GUARDRAILS_WARN_COUNT_ANNOTATION = 'guardrails.dev/warn-count';
/** @public */
export const GUARDRAILS_ERROR_COUNT_ANNOTATION = 'guardrails.dev/error-count';
/** @public */
export const GUARDRAILS_SKIP_COUNT_ANNOTATION = 'guardrails.dev/skip-count';
/**
 * ISO 8601 instant of the audit that found the status the labels and counts show; later audits that find the same
 * status leave it, so that the catalog does not rewrite every entity after every audit. @public
 */
export const GUARDRAILS_EVALUATED_AT_ANNOTATION = 'guardrails.dev/evaluated-at';

/** Compliance values; `unknown` must never be shown as compliant. @public */
export const COMPLIANCE_VALUES = ['compliant', 'violating', 'unknown'] as const;
/** @public */
export type ComplianceValue = (typeof COMPLIANCE_VALUES)[number];

// On exported objects.
/** The guardrail an exported admission policy or report comes from. @public */
export const GUARDRAILS_GUARDRAIL_ID_ANNOTATION = 'guardrails.dev/guardrail-id';
/** @public */
export const GUARDRAILS_SEVERITY_ANNOTATION = 'guardrails.dev/severity';
/** @public */
export const GUARDRAILS_CATEGORY_ANNOTATION = 'guardrails.dev/category';

/** On an exported binding: the exemptions it excludes from admission, comma-separated. @public */
export const GUARDRAILS_EXEMPTIONS_ANNOTATION = 'guardrails.dev/exemptions';

/** On a binding whose environment's enforcement is paused: it audits only, whatever the stage says. @public */
export const GUARDRAILS_ENFORCEMENT_PAUSED_ANNOTATION =
  'guardrails.dev/enforcement-paused';

// On objects in clusters.
/**
 * On a Namespace (or an object) that deletion-protection guardrails guard: an RFC 3339 instant until which
 * deleting it is allowed. @public
 */
export const GUARDRAILS_DELETION_ALLOWED_UNTIL_ANNOTATION =
  'guardrails.dev/deletion-allowed-until';

// Well-known labels the suite reads or writes.
/** @public */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Value of {@link MANAGED_BY_LABEL} on everything the suite creates. @public */
export const GUARDRAILS_MANAGED_BY_VALUE = 'backstage-guardrails';
/** The Kubernetes plugin's `backstage.io/kubernetes-id`: a label on workloads, an annotation on components. @public */
export const BACKSTAGE_KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';
/** @public */
export const BACKSTAGE_KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';
/** @public */
export const BACKSTAGE_KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
/**
 * The annotations that map a component to Kubernetes objects (the ones the Kubernetes plugin reads).
 * @public
 */
export const KUBERNETES_MAPPING_ANNOTATIONS = [
  BACKSTAGE_KUBERNETES_ID_LABEL,
  BACKSTAGE_KUBERNETES_NAMESPACE_ANNOTATION,
  BACKSTAGE_KUBERNETES_LABEL_SELECTOR_ANNOTATION,
] as const;
/** Spec type of the catalog Resources describing provisioned namespaces. @public */
export const KUBERNETES_NAMESPACE_RESOURCE_TYPE = 'kubernetes-namespace';
/** Annotation on namespace entities: the clusters the namespace was provisioned on, comma-separated. @public */
export const GUARDRAILS_CLUSTERS_ANNOTATION = 'guardrails.dev/clusters';
/** Annotation on a namespace with the exact owner ref (the label holds an encoded, possibly shortened form). @public */
export const GUARDRAILS_OWNER_REF_ANNOTATION = 'guardrails.dev/owner-ref';
/** Annotation on a namespace with the size profile it was provisioned with, so drift checks can rebuild it. @public */
export const GUARDRAILS_SIZE_ANNOTATION = 'guardrails.dev/size';
/** @public */
export const POD_SECURITY_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
/** @public */
export const POD_SECURITY_AUDIT_LABEL = 'pod-security.kubernetes.io/audit';
/** @public */
export const POD_SECURITY_WARN_LABEL = 'pod-security.kubernetes.io/warn';

const MAX_LABEL_VALUE = 63;
// Entity ref parts never contain "--" once encoded, so it marks a shortened value.
const SHORTENED_MARKER = '--';

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Encodes an entity ref as a label value: `group:default/payments` becomes
 * `group.default.payments` (lowercase). Values longer than 63 characters are
 * shortened with a hash suffix and can no longer be decoded; the exact ref
 * belongs in the {@link GUARDRAILS_ENTITY_REF_ANNOTATION} annotation.
 * Throws when the input is not an entity ref.
 * @public
 */
export function encodeEntityRefForLabel(entityRef: string): string {
  const parts = parseEntityRef(entityRef);
  if (!parts) {
    throw new Error(
      `"${entityRef}" is not an entity ref; expected kind:namespace/name or kind:name`,
    );
  }
  const encoded = `${parts.kind}.${parts.namespace}.${parts.name}`;
  if (encoded.length <= MAX_LABEL_VALUE) {
    return encoded;
  }
  const hash = fnv1a(encoded);
  const prefix = encoded
    .slice(0, MAX_LABEL_VALUE - SHORTENED_MARKER.length - hash.length)
    .replace(/[^a-z0-9]+$/, '');
  return `${prefix}${SHORTENED_MARKER}${hash}`;
}

/**
 * Decodes a value made by {@link encodeEntityRefForLabel} back to
 * `kind:namespace/name`; undefined for shortened or malformed values.
 * @public
 */
export function decodeEntityRefFromLabel(value: string): string | undefined {
  if (value.includes(SHORTENED_MARKER)) {
    return undefined;
  }
  const firstDot = value.indexOf('.');
  const secondDot = value.indexOf('.', firstDot + 1);
  if (firstDot <= 0 || secondDot <= firstDot + 1) {
    return undefined;
  }
  const ref = `${value.slice(0, firstDot)}:${value.slice(
    firstDot + 1,
    secondDot,
  )}/${value.slice(secondDot + 1)}`;
  const parts = parseEntityRef(ref);
  return parts ? `${parts.kind}:${parts.namespace}/${parts.name}` : undefined;
}
