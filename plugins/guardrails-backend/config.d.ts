import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of Guardrails for Backstage (clusters and environments: see the guardrails-node package). */
  guardrails?: {
    /** The continuous audit of the configured clusters. */
    audit?: {
      /** Whether the backend audits the clusters (watching them, or on a schedule). Defaults to true. */
      enabled?: boolean;
      /**
       * The watching audit: each cluster listed once, then watched, and only what changed evaluated and stored, within
       * seconds of the change. Backend replicas on one database split the clusters between them.
       */
      watch?: {
        /** Defaults to true. False: every cluster is read whole on the schedule below (`frequency`). */
        enabled?: boolean;
        /**
         * How often each watched cluster is listed again from scratch, the safety net. Defaults to 360 minutes
         * (6 hours): healthy watches miss nothing, and each relist costs what a whole audit reads.
         */
        relistIntervalMinutes?: number;
        /** How often every watched object is evaluated again from memory, for rollout stages and exemptions that change with time. Defaults to 5 minutes. */
        reevaluateIntervalMinutes?: number;
        /** Changes gathered before they are evaluated, in milliseconds. Defaults to 100. */
        debounceMs?: number;
      };
      /** How often the audit runs when it does not watch. Defaults to every 5 minutes. */
      frequency?: HumanDuration | string;
      /** How long one audit may take before it is abandoned. Defaults to 3 minutes. */
      timeout?: HumanDuration | string;
      /** Delay before the first audit (or the watches) after start-up. Defaults to 5 seconds. */
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
    /**
     * Notices sent through Backstage's notifications (`@backstage/plugin-notifications-backend`) to the owners of the
     * components they concern, each once, however many backend replicas run. Links point at `app.baseUrl`.
     */
    notifications?: {
      /** Whether any notice is sent. Defaults to true; each kind can also be switched off on its own. */
      enabled?: boolean;
      /** How often the backend looks for notices due. Defaults to every 15 minutes. */
      frequency?: HumanDuration | string;
      /** How long one run may take. Defaults to 10 minutes. */
      timeout?: HumanDuration | string;
      /** Delay before the first run after start-up. Defaults to 1 minute. */
      initialDelay?: HumanDuration | string;
      /**
       * A notice claimed but not recorded as sent after this long (its replica stopped mid-send) is sent again.
       * Defaults to 15 minutes.
       */
      retryAfter?: HumanDuration | string;
      /** A stage change that will make a guardrail warn, block or auto-correct where a component fails it. */
      upcomingStage?: {
        /** Defaults to true. */
        enabled?: boolean;
        /** Days before the stage's date a notice is sent. Defaults to [14, 7, 1]. */
        horizons?: number[];
      };
      /** An exemption expiring, and expired, to its owner and the components it covers. */
      exemptionExpiry?: {
        /** Defaults to true. */
        enabled?: boolean;
        /** Days before its expiry a notice is sent (and one when it has expired). Defaults to [14, 3]. */
        horizons?: number[];
      };
      /** An object failing a guardrail at block or auto-correct: admission denies its next change. */
      blockViolation?: {
        /** Defaults to true. */
        enabled?: boolean;
      };
      /** A stage change that took effect in a cluster, with counts, to the platform team. */
      stageEffective?: {
        /** Defaults to true when `recipients` are given. */
        enabled?: boolean;
        /** Entity refs of who is told, e.g. `group:default/platform`. */
        recipients?: string[];
      };
      /**
       * A namespace's ResourceQuota crossing the headroom share of `namespace.quota-headroom` (its `share` param,
       * 0.8 without it), to the owners of the namespace's component, once per crossing.
       */
      quotaHeadroom?: {
        /** Defaults to true. */
        enabled?: boolean;
      };
      /** A cost centre whose estimated monthly cost is over its budget, to `guardrails.costs.recipients`, monthly. */
      costBudget?: {
        /** Defaults to true when `guardrails.costs.recipients` are given. */
        enabled?: boolean;
      };
    };
    /** Prices and budgets for the estimated monthly cost of what namespaces' ResourceQuotas reserve and use. */
    costs?: {
      /** ISO 4217 code of the prices and budgets, e.g. `EUR`. Defaults to `USD`. */
      currency?: string;
      /** Monthly prices per environment name; an environment without one has no estimate. */
      prices?: {
        [environment: string]: {
          /** Per CPU per month, non-negative. */
          cpu: number;
          /** Per GiB of memory per month, non-negative. */
          memoryGiB: number;
        };
      };
      /** Monthly budget per cost centre (the namespaces' `guardrails.dev/cost-center` label), positive. */
      budgets?: { [costCenter: string]: number };
      /** Entity refs told when a cost centre's estimate is over its budget, e.g. `group:default/platform`. */
      recipients?: string[];
    };
  };
}
