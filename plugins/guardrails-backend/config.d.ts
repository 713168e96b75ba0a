import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of Guardrails for Backstage (clusters and environments: see the guardrails-node package). */
  guardrails?: {
    /** The continuous audit of the configured clusters. */
    audit?: {
      /** Whether the backend schedules audits. Defaults to true. */
      enabled?: boolean;
      /** How often the audit runs. Defaults to every 5 minutes. */
      frequency?: HumanDuration | string;
      /** How long one audit may take before it is abandoned. Defaults to 3 minutes. */
      timeout?: HumanDuration | string;
      /** Delay before the first audit after start-up. Defaults to 5 seconds. */
      initialDelay?: HumanDuration | string;
      /** Objects per list request (Kubernetes `limit`). Defaults to 500. */
      pageSize?: number;
      /** Clusters audited at once. Defaults to 4. */
      clusterConcurrency?: number;
      /** List requests at once within one cluster. Defaults to 4. */
      kindConcurrency?: number;
    };
    /**
     * Admission enforcement: the backend keeps each cluster's ValidatingAdmissionPolicies and bindings as the
     * rollout says they should be now, waking at every stage boundary.
     */
    enforcement?: {
      /**
       * Mode of every environment not listed under `environments`: `sync` (the backend applies the policies) or
       * `off` (admission is left to GitOps, with `guardrails export vap`). Defaults to `off`.
       */
      mode?: 'sync' | 'off';
      /** How often each cluster is synced besides its stage boundaries. Defaults to every 5 minutes; at least 10 seconds. */
      cadence?: HumanDuration | string;
      /** How long one cluster's sync may take. Defaults to 2 minutes. */
      timeout?: HumanDuration | string;
      /** Per environment (a name of `guardrails.environments`), its own mode. */
      environments?: {
        [environment: string]: {
          /** `sync` or `off`; defaults to `guardrails.enforcement.mode`. */
          mode?: 'sync' | 'off';
        };
      };
    };
  };
}
