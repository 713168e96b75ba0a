export { ViolatedGuardrailRollouts } from './ViolatedGuardrailRollouts';
