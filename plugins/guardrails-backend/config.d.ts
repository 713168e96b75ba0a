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
  };
}
