/**
 * The Guardrails backend plugin: audit, compliance store and REST API under /api/guardrails.
 *
 * @packageDocumentation
 */
export { guardrailsPlugin as default } from './plugin';
