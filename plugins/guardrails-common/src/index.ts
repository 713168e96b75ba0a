/**
 * Common library of Guardrails for Backstage, shared by the frontend, the backend and the backend modules:
 * the domain and REST API types, enforcement-level ordering, permissions, and the label and annotation
 * constants. The policy engine is in `@guardrails-dev/plugin-guardrails-engine`.
 *
 * @packageDocumentation
 */

export * from './types';
export {
  compareLevels,
  strictestLevel,
  isEnforcingLevel,
  levelRank,
} from './levels';
export { normalizeEntityRef, parseEntityRef } from './entityRef';
export type { EntityRefParts } from './entityRef';
export * from './labels';
export * from './permissions';
export type { BaselineSize } from './baseline';
export * from './api/types';
export * from './api/client';

export { parseLabelSelectorString } from './labelSelectorString';
