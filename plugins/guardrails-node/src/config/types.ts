import type {
  BaselineNetworkPolicy,
  BaselinePodSecurity,
} from '@guardrails-dev/plugin-guardrails-engine';

/** Pod Security Admission level of a namespace. @public */
export type PodSecurityLevel = BaselinePodSecurity;

/**
 * Default network policy of a provisioned namespace: `deny-all` denies ingress and egress,
 * `deny-ingress` denies ingress and allows egress, `allow-same-namespace` allows ingress only from
 * the same namespace and allows egress.
 * @public
 */
export type NetworkPolicyMode = BaselineNetworkPolicy;

/** CPU and memory as Kubernetes quantity strings. @public */
export interface ResourcePair {
  cpu: string;
  memory: string;
}

/** A namespace size: its ResourceQuota and LimitRange. @public */
export interface SizeProfile {
  name: string;
  quota: {
    requests: ResourcePair;
    limits: ResourcePair;
    pods: number;
  };
  limitRange: {
    defaultRequest: ResourcePair;
    default: ResourcePair;
    max?: ResourcePair;
  };
}

/** What every namespace provisioned in an environment gets. @public */
export interface NamespaceProfile {
  podSecurity: PodSecurityLevel;
  networkPolicy: NetworkPolicyMode;
  /** ClusterRole bound to the owning group, for example `edit` or `view`. */
  ownerRole: string;
  /** Sizes by name, in configuration order. */
  sizes: Record<string, SizeProfile>;
}

/** An environment (`dev`, `staging`, `prod`, …) with its clusters and namespace profile. @public */
export interface EnvironmentDefinition {
  name: string;
  title: string;
  /** Cluster names, each one defined in `kubernetes.clusterLocatorMethods`. */
  clusters: string[];
  profile: NamespaceProfile;
}

/**
 * A cluster Guardrails can reach, as configured in `kubernetes.clusterLocatorMethods`.
 * Credentials are deliberately absent: they stay inside the cluster clients.
 * @public
 */
export interface ClusterDefinition {
  name: string;
  title: string;
  url: string;
  authProvider: 'serviceAccount';
  skipTLSVerify: boolean;
}

/** How requests to clusters are timed out and retried. @public */
export interface ClusterRequestSettings {
  /** Timeout of one attempt, in milliseconds. */
  timeoutMs: number;
  /** Attempts per request, including the first. */
  maxAttempts: number;
}

/** The validated Guardrails configuration. @public */
export interface GuardrailsConfig {
  clusters: ClusterDefinition[];
  /** In configuration order, least to most protected. */
  environments: EnvironmentDefinition[];
  /** Pack directories to load, absolute, the bundled default pack first when included. */
  packDirectories: string[];
  /** `guardrails.maxExemptionDays` when set. */
  maxExemptionDays?: number;
  /**
   * `guardrails.kubernetesVersion` when set: the oldest Kubernetes release the clusters run, such as
   * '1.30'. Guardrails using a CEL function a later release added do not load.
   */
  kubernetesVersion?: string;
  clusterRequests: ClusterRequestSettings;
}
