import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import {
  BACKSTAGE_KUBERNETES_ID_LABEL,
  encodeEntityRefForLabel,
  GUARDRAILS_COMPONENT_LABEL,
  GUARDRAILS_COST_CENTER_LABEL,
  GUARDRAILS_ENTITY_REF_ANNOTATION,
  GUARDRAILS_ENVIRONMENT_LABEL,
  GUARDRAILS_LABEL_PREFIX,
  GUARDRAILS_MANAGED_BY_VALUE,
  GUARDRAILS_OWNER_LABEL,
  GUARDRAILS_OWNER_REF_ANNOTATION,
  GUARDRAILS_SIZE_ANNOTATION,
  MANAGED_BY_LABEL,
  parseEntityRef,
  POD_SECURITY_AUDIT_LABEL,
  POD_SECURITY_ENFORCE_LABEL,
  POD_SECURITY_WARN_LABEL,
} from '@guardrails-dev/plugin-guardrails-common';
import type { KubernetesManifest } from '../manifests/kubernetesObject';
import type { NamespaceBaseline, NamespaceBaselineInput } from './types';

/** Names of the objects every guarded namespace holds. @public */
export const BASELINE_OBJECT_NAMES = {
  quota: 'guardrails-quota',
  limitRange: 'guardrails-limits',
  denyAll: 'default-deny',
  allowSameNamespace: 'allow-same-namespace',
  allowDns: 'allow-dns',
  ownerBinding: 'owner',
  deployServiceAccount: 'deploy',
  deployBinding: 'deploy',
} as const;

const { isValidNamespace, isValidLabelValue } = KubernetesValidatorFunctions;

/** Values the suite's own labels carry must say something: no empty label value. */
function isNonEmptyLabelValue(value: string | undefined): boolean {
  return !!value && isValidLabelValue(value);
}

/**
 * Builds the objects of a guarded namespace: labels and Pod Security from the environment profile, quota and
 * limits from the size, default-deny network policies, the owner group's role binding and a deploy
 * service account. Pure, so provisioning, dry-run plans and drift checks all build the same objects.
 * Throws with a readable message on invalid input.
 * @public
 */
export function buildNamespaceBaseline(
  input: NamespaceBaselineInput,
): NamespaceBaseline {
  const problems = baselineInputProblems(input);
  if (problems.length > 0) {
    throw new Error(`Cannot build guarded namespace: ${problems.join('; ')}`);
  }
  const component = parseEntityRef(input.component)!;
  const owner = parseEntityRef(input.owner)!;
  const ns = input.namespace;
  const commonLabels = { [MANAGED_BY_LABEL]: GUARDRAILS_MANAGED_BY_VALUE };

  const extra = Object.fromEntries(
    Object.entries(input.extraLabels ?? {}).filter(
      ([key]) =>
        !key.startsWith(GUARDRAILS_LABEL_PREFIX) &&
        !key.startsWith('pod-security.kubernetes.io/'),
    ),
  );
  const namespace: KubernetesManifest = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ns,
      labels: {
        ...extra,
        ...commonLabels,
        [GUARDRAILS_ENVIRONMENT_LABEL]: input.environment,
        [GUARDRAILS_OWNER_LABEL]: encodeEntityRefForLabel(input.owner),
        [GUARDRAILS_COMPONENT_LABEL]: component.name,
        [GUARDRAILS_COST_CENTER_LABEL]: input.costCenter,
        [BACKSTAGE_KUBERNETES_ID_LABEL]: component.name,
        [POD_SECURITY_ENFORCE_LABEL]: input.profile.podSecurity,
        [POD_SECURITY_AUDIT_LABEL]: input.profile.podSecurity,
        [POD_SECURITY_WARN_LABEL]: input.profile.podSecurity,
      },
      annotations: {
        [GUARDRAILS_ENTITY_REF_ANNOTATION]: `${component.kind}:${component.namespace}/${component.name}`,
        [GUARDRAILS_OWNER_REF_ANNOTATION]: `${owner.kind}:${owner.namespace}/${owner.name}`,
        [GUARDRAILS_SIZE_ANNOTATION]: input.size.name,
      },
    },
  };

  const meta = (name: string) => ({
    name,
    namespace: ns,
    labels: { ...commonLabels },
  });
  const objects: KubernetesManifest[] = [
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta(BASELINE_OBJECT_NAMES.quota),
      spec: { hard: { ...input.size.quota } },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: meta(BASELINE_OBJECT_NAMES.limitRange),
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { ...input.size.limitRange.defaultRequest },
            default: { ...input.size.limitRange.default },
            ...(input.size.limitRange.max
              ? { max: { ...input.size.limitRange.max } }
              : {}),
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(BASELINE_OBJECT_NAMES.denyAll),
      spec: {
        podSelector: {},
        policyTypes:
          input.profile.networkPolicy === 'deny-all'
            ? ['Ingress', 'Egress']
            : ['Ingress'],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(BASELINE_OBJECT_NAMES.allowSameNamespace),
      spec: {
        podSelector: {},
        policyTypes:
          input.profile.networkPolicy === 'deny-all'
            ? ['Ingress', 'Egress']
            : ['Ingress'],
        ingress: [{ from: [{ podSelector: {} }] }],
        ...(input.profile.networkPolicy === 'deny-all'
          ? { egress: [{ to: [{ podSelector: {} }] }] }
          : {}),
      },
    },
  ];
  if (input.profile.networkPolicy === 'deny-all') {
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(BASELINE_OBJECT_NAMES.allowDns),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    });
  }
  objects.push(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(BASELINE_OBJECT_NAMES.ownerBinding),
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: input.profile.ownerRole,
      },
      subjects: [
        {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: owner.kind === 'user' ? 'User' : 'Group',
          name: owner.name,
        },
      ],
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: meta(BASELINE_OBJECT_NAMES.deployServiceAccount),
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(BASELINE_OBJECT_NAMES.deployBinding),
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'edit',
      },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: BASELINE_OBJECT_NAMES.deployServiceAccount,
          namespace: ns,
        },
      ],
    },
  );
  return { namespace, objects };
}

/** Problems with a baseline input, each a readable sentence; empty when it is valid. @public */
export function baselineInputProblems(input: NamespaceBaselineInput): string[] {
  const problems: string[] = [];
  if (!isValidNamespace(input.namespace)) {
    problems.push(
      `namespace '${input.namespace}' is not a valid name (lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit)`,
    );
  }
  const owner = parseEntityRef(input.owner ?? '');
  if (!owner || (owner.kind !== 'group' && owner.kind !== 'user')) {
    problems.push(
      `owner '${input.owner}' must be a group or user entity ref, e.g. group:default/payments`,
    );
  }
  const component = parseEntityRef(input.component ?? '');
  if (!component) {
    problems.push(
      `component '${input.component}' is not an entity ref, e.g. component:default/payments-api`,
    );
  } else if (!isNonEmptyLabelValue(component.name)) {
    problems.push(
      `component name '${component.name}' cannot be used as a label value`,
    );
  }
  if (!isNonEmptyLabelValue(input.environment)) {
    problems.push(
      `environment '${input.environment}' cannot be used as a label value`,
    );
  }
  if (!isNonEmptyLabelValue(input.costCenter)) {
    problems.push(
      `cost centre '${input.costCenter}' must be a label value (letters, digits, '-', '_' or '.', at most 63 characters)`,
    );
  }
  for (const [key, value] of Object.entries(input.extraLabels ?? {})) {
    if (!isValidLabelValue(value)) {
      problems.push(`extra label ${key}='${value}' has an invalid value`);
    }
  }
  return problems;
}
