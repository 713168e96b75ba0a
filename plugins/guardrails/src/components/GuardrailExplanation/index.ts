export { ExplainedDetails } from './ExplainedDetails';
export { GuardrailExplanation } from './GuardrailExplanation';
export type { GuardrailLookup } from './GuardrailExplanation';
