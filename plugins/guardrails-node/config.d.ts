/** CPU and memory as Kubernetes quantities, for example `500m` and `512Mi`. */
interface GuardrailsResourcePair {
  /** CPU quantity, for example `250m` or `2`. */
  cpu: string;
  /** Memory quantity, for example `256Mi` or `4Gi`. */
  memory: string;
}

export interface Config {
  /**
   * The standard Kubernetes plugin configuration. Guardrails reads the clusters of
   * `clusterLocatorMethods` entries of type `config`, so a platform team configures
   * clusters once for both the Kubernetes plugin and Guardrails. Nothing of it is visible to
   * the frontend: cluster names, addresses and access stay in the backend.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      /**
       * Guardrails reads locators of type `config`; other types are left to the Kubernetes plugin.
       */
      type: string;
      clusters?: Array<{
        /**
         * Cluster name, referenced from `guardrails.environments.<env>.clusters`.
         */
        name: string;
        /**
         * Kubernetes API server URL. Plain `http:` is accepted for loopback hosts (the local
         * simulator) or together with `skipTLSVerify: true`.
         */
        url: string;
        /** Display name of the cluster. */
        title?: string;
        /**
         * How Guardrails authenticates to the cluster. Only `serviceAccount` (the default) is
         * supported by Guardrails.
         */
        authProvider?: string;
        /**
         * Bearer token of the service account Guardrails uses. Without it, requests are anonymous.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /**
         * Base64-encoded PEM bundle of the certificate authorities to trust.
         * @visibility secret
         */
        caData?: string;
        /**
         * Path to a PEM file of the certificate authorities to trust.
         * @visibility secret
         */
        caFile?: string;
        /**
         * Disables TLS certificate verification. Only for local development.
         */
        skipTLSVerify?: boolean;
      }>;
    }>;
  };

  /**
   * Guardrails for Backstage. The frontend reads none of it: environments reach it through the
   * backend's `/environments` API.
   */
  guardrails?: {
    /**
     * Environments, in order from least to most protected. Defaults to `dev`, `staging` and
     * `prod`, each mapped to the cluster of the same name. `clusters` alone is enough for an
     * environment: the profile defaults by the environment's name (`dev`/`development`,
     * `staging`/`stage`, `prod`/`production`) and to a generic profile (restricted Pod Security,
     * ingress from the same namespace, owners may edit) for any other name.
     */
    environments?: {
      [environment: string]: {
        /**
         * Display name. Defaults to the environment name.
         */
        title?: string;
        /**
         * Names of clusters from `kubernetes.clusterLocatorMethods` that belong to this environment.
         */
        clusters: string[];
        /**
         * What every namespace provisioned in this environment gets. Each field left out takes the
         * environment's default.
         */
        profile?: {
          /**
           * Pod Security Admission level set as enforce, audit and warn on the namespace.
           */
          podSecurity?: 'privileged' | 'baseline' | 'restricted';
          /**
           * Default network policy of the namespace: `deny-all` denies ingress and egress,
           * `deny-ingress` denies ingress and allows egress, `allow-same-namespace` allows traffic
           * only from pods of the same namespace and allows egress.
           */
          networkPolicy?: 'deny-all' | 'deny-ingress' | 'allow-same-namespace';
          /**
           * ClusterRole bound to the owning group in the namespace, for example `edit` or `view`.
           */
          ownerRole?: string;
          /**
           * Namespace sizes teams choose from; the key is the size name, for example `small`. When
           * given, they replace the default sizes `small`, `medium` and `large`.
           */
          sizes?: {
            [size: string]: {
              /** ResourceQuota of the namespace. */
              quota: {
                /** `requests.cpu` and `requests.memory`. */
                requests: GuardrailsResourcePair;
                /** `limits.cpu` and `limits.memory`. */
                limits: GuardrailsResourcePair;
                /** Maximum number of pods. */
                pods: number;
              };
              /** LimitRange applied to containers of the namespace. */
              limitRange: {
                defaultRequest: GuardrailsResourcePair;
                default: GuardrailsResourcePair;
                max?: GuardrailsResourcePair;
              };
            };
          };
        };
      };
    };

    /**
     * Directories of extra guardrail packs (YAML), relative to the backend's working directory.
     */
    packs?: string[];

    /** Whether the bundled default pack is loaded. Defaults to true. */
    includeDefaultPack?: boolean;

    /** Longest span an exemption may have, in days. */
    maxExemptionDays?: number;

    /**
     * The oldest Kubernetes release your clusters run, quoted, for example `'1.30'`. A guardrail
     * whose CEL uses a function a later release added (`isIP()` needs 1.30, `isSemver()` 1.33)
     * does not load: the backend refuses to start, naming the file, guardrail, field, line,
     * expression, function and release. Unset, nothing is checked.
     */
    kubernetesVersion?: string;

    /** How Guardrails talks to clusters. */
    clusterRequests?: {
      /**
       * Timeout of one request to a cluster, as an ISO 8601 duration, a string like `10s`, or an
       * object like `{ seconds: 10 }`. Defaults to 10 seconds.
       */
      timeout?:
        | string
        | { milliseconds?: number; seconds?: number; minutes?: number };
      /** Attempts per request, including the first, for retryable failures. Defaults to 4. */
      maxAttempts?: number;
    };
  };
}
