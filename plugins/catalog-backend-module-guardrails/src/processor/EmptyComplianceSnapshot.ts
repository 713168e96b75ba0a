import { ComplianceSnapshot, EntityCompliance } from './types';

/** The snapshot before any audit has produced results: every entity is unknown. */
export class EmptyComplianceSnapshot implements ComplianceSnapshot {
  async get(_entityRef: string): Promise<EntityCompliance | undefined> {
    return undefined;
  }
}
