export { EntityGuardrailsCard } from './EntityGuardrailsCard';
export type { EntityGuardrailsCardProps } from './EntityGuardrailsCard';
