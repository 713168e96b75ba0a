export { GuardrailCatalog } from './GuardrailCatalog';
