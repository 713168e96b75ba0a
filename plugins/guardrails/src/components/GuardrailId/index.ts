export { GuardrailId } from './GuardrailId';
