/** One violation of a guardrail on one Kubernetes object, as the backend reports it. */
export interface ReportViolation {
  guardrail: string;
  title: string;
  severity: string;
  level: string;
  message: string;
  resource: {
    apiVersion: string;
    kind: string;
    namespace?: string;
    name: string;
    cluster?: string;
  };
  since?: string;
}

/** Guardrail status of one environment of an entity. */
export interface EnvironmentReport {
  environment: string;
  compliance: 'compliant' | 'violating' | 'unknown';
  evaluatedAt?: string;
  stale?: { since: string; error: string };
  violations: ReportViolation[];
}

/** Guardrail report of one catalog entity. */
export interface EntityReport {
  entityRef: string;
  evaluatedAt?: string;
  environments: EnvironmentReport[];
}
