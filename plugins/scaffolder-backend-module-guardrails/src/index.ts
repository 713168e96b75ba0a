/**
 * Scaffolder actions of Guardrails for Backstage: guarded namespaces, environments and pre-flight validation.
 *
 * @packageDocumentation
 */
export { scaffolderModuleGuardrails as default } from './module';
