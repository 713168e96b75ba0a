export interface Config {
  guardrails?: {
    /** How the catalog learns about guardrail status. */
    catalog?: {
      /**
       * Longest age, in seconds, of the in-memory guardrails summary the processor labels entities from; older, it
       * is revalidated with a conditional request. Defaults to 1. The backend asks the catalog to refresh an entity
       * whose status changed 2 seconds after storing it: with more than that, a refreshed entity may be labelled
       * from the summary before the change, and its labels then wait for its next processing pass.
       */
      refreshIntervalSeconds?: number;
    };
  };
}
