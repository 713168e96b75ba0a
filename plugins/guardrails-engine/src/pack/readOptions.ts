import { GuardrailCelLimits } from '../guardrailCel';

/** Settings every document reader needs, resolved from the parse options. */
export interface ReadOptions {
  environments?: readonly string[];
  celLimits?: GuardrailCelLimits;
  maxExemptionDays: number;
  now: Date;
}
