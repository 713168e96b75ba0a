export { EntityGuardrailsContent } from './EntityGuardrailsContent';
