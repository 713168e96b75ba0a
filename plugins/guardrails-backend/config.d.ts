export interface Config {
  /** Configuration of Guardrails for Backstage. */
  guardrails?: {
    /**
     * Schedule of the continuous audit of the configured clusters.
     */
    audit?: {
      /** How often the audit runs, as a duration object, e.g. `{ minutes: 5 }`. */
      frequency?: { [unit: string]: number };
      /** How long one audit may take before it is abandoned. */
      timeout?: { [unit: string]: number };
    };
  };
}
