export { GuardrailGroupsTable } from './GuardrailGroupsTable';
export type { GroupReveal } from './GuardrailGroupsTable';
export { groupAnchor } from './groupAnchor';
export { RemediationExample } from './RemediationExample';
