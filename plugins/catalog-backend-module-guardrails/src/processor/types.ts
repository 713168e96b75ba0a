/** Guardrail status of one entity, as the backend's summary reports it. */
export interface EntityCompliance {
  compliance: 'compliant' | 'violating' | 'unknown';
  enforcementLevel: string;
  rolloutStage?: string;
  violations: number;
  warnings: number;
  evaluatedAt?: string;
}

/** An in-memory view of every entity's status; the processor never calls a cluster or the API per entity. */
export interface ComplianceSnapshot {
  get(entityRef: string): Promise<EntityCompliance | undefined>;
}
