import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { CustomErrorBase, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import { jsonObjectSchema } from './outputSchemas';
import {
  Guardrail,
  GuardrailResult,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import { CompiledPack } from '@guardrails-dev/plugin-guardrails-engine';
import {
  checkManifests,
  enforcedGuardrails,
} from '../validation/checkManifests';
import { enforceInput } from './inputSchemas';
import { blockingReport, warningLine } from '../validation/validationReport';
import {
  inlineObjects,
  readWorkspaceManifests,
  SourcedObject,
} from '../validation/workspaceManifests';
import { examples } from './validate.examples';

/** What `guardrails:validate` evaluates against. @public */
export interface ValidateActionOptions {
  /** The pack, compiled once and reused by every run. */
  pack: CompiledPack;
  /** Configured environment names. */
  environments: string[];
  /** `guardrails.maxExemptionDays`, quoted in the exemption hint. */
  maxExemptionDays?: number;
  /** The clock; the system clock by default. */
  now?: () => Date;
}

/** Enforced guardrails failed; the message is the readable report. @public */
export class GuardrailViolationError extends CustomErrorBase {
  name = 'GuardrailViolationError' as const;

  constructor(message: string, readonly results: GuardrailResult[]) {
    super(message);
  }
}

/**
 * Creates the `guardrails:validate` action: evaluates manifests from the task workspace or given
 * inline against the pack at the environment's current rollout stage. Blocking results fail the
 * step with a readable report; warnings are logged; every result is output.
 * @public
 */
export function createValidateAction(options: ValidateActionOptions) {
  const now = options.now ?? (() => new Date());
  const guardrails = new Map(
    options.pack.pack.guardrails.map(g => [g.id, g] as const),
  );

  return createTemplateAction({
    id: 'guardrails:validate',
    description:
      "Checks Kubernetes manifests against the platform's guardrails at the environment's current rollout stage; enforced violations fail the step with a report saying why and how to fix them.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        paths: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Glob patterns of YAML manifests, relative to the task workspace, e.g. k8s/**/*.yaml',
            ),
        objects: z =>
          z
            .array(jsonObjectSchema(z))
            .optional()
            .describe(
              'Kubernetes objects given inline, checked together with the files',
            ),
        environment: z =>
          z
            .string()
            .describe('Environment whose rollout stages apply, e.g. prod'),
        namespace: z =>
          z
            .string()
            .optional()
            .describe(
              'Namespace the objects will be applied to; overrides the namespace of every namespaced object',
            ),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'Entity the manifests belong to, so exemptions scoped to it apply',
            ),
        enforce: enforceInput,
      },
      output: {
        passed: z => z.boolean().describe('No result blocks'),
        summary: z =>
          z
            .string()
            .describe(
              'One line for template output, e.g. "Guardrails in prod: 12 pass, 1 warn, 0 fail, 0 error, 0 skip (3 objects)"',
            ),
        counts: z =>
          z
            .object({
              pass: z.number(),
              fail: z.number(),
              warn: z.number(),
              error: z.number(),
              skip: z.number(),
            })
            .describe('Results by status'),
        results: z =>
          z
            .array(jsonObjectSchema(z))
            .describe('Every result (PolicyReport-shaped)'),
        warnings: z =>
          z
            .array(jsonObjectSchema(z))
            .describe('Results at warn: work continues, but they need fixing'),
        blocking: z =>
          z.array(jsonObjectSchema(z)).describe('Results that fail the step'),
      },
    },
    async handler(ctx) {
      const { environment, namespace, entityRef, enforce } = checkInput(
        ctx.input,
        options.environments,
        guardrails,
      );
      const sourced: SourcedObject[] = [
        ...inlineObjects(ctx.input.objects ?? []),
        ...(ctx.input.paths?.length
          ? await readWorkspaceManifests(ctx.workspacePath, ctx.input.paths)
          : []),
      ];
      const { results, counts, summary, blocking, warnings, context } =
        checkManifests(options.pack, guardrails, {
          sourced,
          environment,
          namespace,
          entityRef,
          at: now(),
          maxExemptionDays: options.maxExemptionDays,
          enforce,
        });

      ctx.logger.info(summary);
      for (const warning of warnings) {
        ctx.logger.warn(warningLine(warning, context));
      }
      ctx.output('passed', blocking.length === 0);
      ctx.output('summary', summary);
      ctx.output('counts', counts);
      ctx.output('results', results as unknown as JsonObject[]);
      ctx.output('warnings', warnings as unknown as JsonObject[]);
      ctx.output('blocking', blocking as unknown as JsonObject[]);

      if (blocking.length > 0) {
        const report = blockingReport(blocking, context);
        ctx.logger.error(report);
        throw new GuardrailViolationError(report, blocking);
      }
    },
  });
}

function checkInput(
  input: {
    paths?: string[];
    objects?: Record<string, unknown>[];
    environment: string;
    namespace?: string;
    entityRef?: string;
    enforce?: string[];
  },
  environments: string[],
  guardrails: ReadonlyMap<string, Guardrail>,
): {
  environment: string;
  namespace?: string;
  entityRef?: string;
  enforce: ReadonlySet<string>;
} {
  const problems: string[] = [];
  const { enforce, problem } = enforcedGuardrails(input.enforce, guardrails);
  if (problem) {
    problems.push(problem);
  }
  if (!environments.includes(input.environment)) {
    problems.push(
      `environment '${
        input.environment
      }' is not configured; configured environments: ${environments.join(
        ', ',
      )}`,
    );
  }
  if (!input.paths?.length && !input.objects?.length) {
    problems.push('give paths (glob patterns in the workspace) or objects');
  }
  if (
    input.namespace !== undefined &&
    !KubernetesValidatorFunctions.isValidNamespace(input.namespace)
  ) {
    problems.push(
      `namespace '${input.namespace}' is not a valid namespace name (lower-case letters, digits and '-', at most 63 characters)`,
    );
  }
  const entityRef =
    input.entityRef === undefined
      ? undefined
      : normalizeEntityRef(input.entityRef);
  if (input.entityRef !== undefined && !entityRef) {
    problems.push(
      `entityRef '${input.entityRef}' is not an entity ref, e.g. component:default/payments-api`,
    );
  }
  if (problems.length > 0) {
    throw new InputError(`Cannot validate: ${problems.join('; ')}`);
  }
  return {
    environment: input.environment,
    namespace: input.namespace,
    entityRef,
    enforce,
  };
}
