import type { Zod } from './outputSchemas';

/** Inputs that both provisioning actions take, described once. */
export const provisionInputs = {
  owner: (z: Zod) =>
    z
      .string()
      .describe(
        'Owner entity ref, a group or user, e.g. group:default/payments',
      ),
  component: (z: Zod) =>
    z
      .string()
      .describe(
        'Entity ref of the component, e.g. component:default/payments-api',
      ),
  costCenter: (z: Zod) =>
    z
      .string()
      .describe('Cost centre, set as the guardrails.dev/cost-center label'),
  extraLabels: (z: Zod) =>
    z
      .record(z.string())
      .optional()
      .describe(
        'Extra namespace labels; guardrails.dev/ and pod-security.kubernetes.io/ keys are reserved',
      ),
};

/** The `enforce` input of the actions that check manifests. */
export const enforceInput = (z: Zod) =>
  z
    .array(z.string())
    .max(100)
    .optional()
    .describe(
      "Guardrail IDs whose violations fail the step whatever their rollout stage, for what the template creates, e.g. the guardrails its choices come from; each must be in the platform's pack",
    );
