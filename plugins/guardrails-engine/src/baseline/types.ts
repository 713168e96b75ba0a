import type { BaselineSize } from '@guardrails-dev/plugin-guardrails-common';
import type { KubernetesManifest } from '../manifests/kubernetesObject';

/** Pod Security Admission levels. @public */
export type BaselinePodSecurity = 'privileged' | 'baseline' | 'restricted';

/**
 * Network policy mode of a guarded namespace. Ingress from other namespaces is always denied and traffic within
 * the namespace allowed. `deny-all` denies egress too, except within the namespace and to cluster DNS;
 * `deny-ingress` and `allow-same-namespace` leave egress open.
 * @public
 */
export type BaselineNetworkPolicy =
  | 'deny-all'
  | 'deny-ingress'
  | 'allow-same-namespace';

/** What an environment requires of every namespace in it. @public */
export interface BaselineProfile {
  podSecurity: BaselinePodSecurity;
  networkPolicy: BaselineNetworkPolicy;
  /** ClusterRole bound to the owner group, e.g. `edit` in dev, `view` in prod. */
  ownerRole: string;
}

/** Everything a guarded namespace is built from. @public */
export interface NamespaceBaselineInput {
  namespace: string;
  environment: string;
  /** Owner entity ref, e.g. `group:default/payments`. */
  owner: string;
  /** Component entity ref, e.g. `component:default/payments-api`. */
  component: string;
  costCenter: string;
  profile: BaselineProfile;
  size: BaselineSize;
  /** Extra namespace labels; they cannot override the suite's own. */
  extraLabels?: Record<string, string>;
}

/** The objects of a guarded namespace: the Namespace first, then what lives in it. @public */
export interface NamespaceBaseline {
  namespace: KubernetesManifest;
  objects: KubernetesManifest[];
}
