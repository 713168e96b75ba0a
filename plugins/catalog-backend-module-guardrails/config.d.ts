export interface Config {
  guardrails?: {
    /** How the catalog learns about guardrail status. */
    catalog?: {
      /**
       * Longest age, in seconds, of the in-memory guardrails summary the processor labels entities from.
       * Defaults to 60.
       */
      refreshIntervalSeconds?: number;
    };
  };
}
