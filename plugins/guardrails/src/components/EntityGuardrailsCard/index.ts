export { EntityGuardrailsCard } from './EntityGuardrailsCard';
