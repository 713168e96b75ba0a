import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Guardrail,
  GuardrailResult,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import { CompiledPack } from '@guardrails-dev/plugin-guardrails-engine';
import { startApplyAudit } from '../applying/applyAudit';
import { ApplyableKind, checkApplyObjects } from '../applying/applyObjects';
import {
  applyOnCluster,
  ApplyTarget,
  planTarget,
  readTarget,
} from '../applying/clusterApply';
import { catalogOwnerRefusal } from '../provisioning/catalogOwnership';
import { outcomesMeta } from '../provisioning/provisionAudit';
import { ProvisionedObject } from '../provisioning/types';
import {
  checkManifests,
  enforcedGuardrails,
} from '../validation/checkManifests';
import { inNamespace } from '../validation/targetNamespace';
import { blockingReport, warningLine } from '../validation/validationReport';
import { readWorkspaceManifests } from '../validation/workspaceManifests';
import { checkpointOf, loadRunChecks } from './actionRun';
import { examples } from './manifestsApply.examples';
import type { ProvisionActionOptions } from './namespaceProvision';
import { enforceInput, provisionInputs } from './inputSchemas';
import { provisionedObjectSchema } from './outputSchemas';
import { GuardrailViolationError } from './validate';

/** What `guardrails:manifests:apply` needs: the provisioning actions' services and the pack. @public */
export interface ManifestsApplyActionOptions extends ProvisionActionOptions {
  /** The pack every apply is checked against, compiled once. */
  pack: CompiledPack;
  /** `guardrails.maxExemptionDays`, quoted in the exemption hint. */
  maxExemptionDays?: number;
  /** The clock; the system clock by default. */
  now?: () => Date;
}

/**
 * Creates the `guardrails:manifests:apply` action: applies manifests of the task workspace, of the kinds the
 * template names, into a component's guarded namespace in each environment, with server-side apply. The
 * objects are checked against the guardrails of each environment again, whatever a form or an earlier step
 * said, and every cluster is read before any is written to: a refusal leaves every cluster as it was.
 * @public
 */
export function createManifestsApplyAction(
  options: ManifestsApplyActionOptions,
) {
  const now = options.now ?? (() => new Date());
  const guardrails: ReadonlyMap<string, Guardrail> = new Map(
    options.pack.pack.guardrails.map(g => [g.id, g] as const),
  );

  return createTemplateAction({
    id: 'guardrails:manifests:apply',
    description:
      "Applies manifests of the task workspace (only the kinds listed) into a component's guarded namespace in each environment, after checking them against that environment's guardrails; a blocking violation, a namespace not provisioned for the component or a kind a cluster does not serve changes no cluster.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        paths: z =>
          z
            .array(z.string())
            .min(1)
            .describe(
              'Glob patterns of YAML manifests, relative to the task workspace, e.g. k8s/database-claim.yaml',
            ),
        kinds: z =>
          z
            .array(z.object({ apiVersion: z.string(), kind: z.string() }))
            .min(1)
            .max(20)
            .describe(
              'The only kinds applied; any other object in the files refuses the step, e.g. [{ apiVersion: platform.example.org/v1alpha1, kind: DatabaseClaim }]',
            ),
        namespaces: z =>
          z
            .record(z.string())
            .describe(
              'Namespace by environment, as guardrails:environment:provision outputs them (steps.<id>.output.namespaces)',
            ),
        component: provisionInputs.component,
        owner: provisionInputs.owner,
        enforce: enforceInput,
      },
      output: {
        objects: z =>
          z
            .array(provisionedObjectSchema(z))
            .describe('Every object on every cluster with what happened to it'),
        summaries: z =>
          z
            .record(z.string())
            .describe(
              'The guardrails summary line of each environment, e.g. "Guardrails in prod: 2 pass, 0 warn, …"',
            ),
      },
    },
    async handler(ctx) {
      const request = checkInput(
        ctx.input,
        options.clusters.environments().map(e => ({
          name: e.name,
          clusters: e.clusters,
        })),
        guardrails,
      );
      const sourced = await readWorkspaceManifests(
        ctx.workspacePath,
        ctx.input.paths,
      );
      const objects = checkApplyObjects(sourced, ctx.input.kinds);
      const targets: ApplyTarget[] = request.environments.map(e => ({
        environment: e.name,
        namespace: e.namespace,
        clusters: e.clusters,
        component: request.component,
        owner: request.owner,
        objects: inNamespace(
          objects.map(object => ({ object, source: '' })),
          e.namespace,
        ).map(s => s.object),
      }));
      const credentials = await ctx.getInitiatorCredentials();
      const dryRun = ctx.isDryRun === true;
      // Refusals are audited too, as provisioning's are.
      const audit = await startApplyAudit(options.auditor, {
        credentials,
        component: request.component,
        owner: request.owner,
        targets,
        dryRun,
        taskId: ctx.task?.id,
      });
      let done: ProvisionedObject[] = [];
      try {
        await assertAllowed(options, credentials, request);

        // Checked here again, whatever the form and the pre-flight said: template input is not trusted.
        const at = now();
        const summaries: Record<string, string> = {};
        const blocking: GuardrailResult[] = [];
        const reports: string[] = [];
        for (const environment of request.environments) {
          const check = checkManifests(options.pack, guardrails, {
            sourced,
            environment: environment.name,
            namespace: environment.namespace,
            entityRef: request.component,
            at,
            maxExemptionDays: options.maxExemptionDays,
            enforce: request.enforce,
          });
          summaries[environment.name] = check.summary;
          ctx.logger.info(check.summary);
          for (const warning of check.warnings) {
            ctx.logger.warn(warningLine(warning, check.context));
          }
          if (check.blocking.length > 0) {
            blocking.push(...check.blocking);
            reports.push(blockingReport(check.blocking, check.context));
          }
        }
        ctx.output('summaries', summaries);
        if (blocking.length > 0) {
          const report = `Nothing was applied.\n${reports.join('\n')}`;
          ctx.logger.error(report);
          throw new GuardrailViolationError(report, blocking);
        }

        // Every cluster of every environment is read and checked before any is written to.
        const reads = await Promise.all(
          targets.map(t => readTarget(options.clusters, t, { dryRun })),
        );
        if (dryRun) {
          done = targets.flatMap((t, i) => planTarget(t, reads[i]));
        } else {
          const checkpoint = checkpointOf(ctx);
          const settled = await Promise.allSettled(
            targets.flatMap((t, i) =>
              reads[i].map(r =>
                checkpoint(
                  `guardrails.manifests.apply.${t.environment}.${r.client.cluster}.${t.namespace}`,
                  () => applyOnCluster(t, r),
                ),
              ),
            ),
          );
          done = settled.flatMap(s =>
            s.status === 'fulfilled' ? s.value : s.reason.objects ?? [],
          );
          const failed = settled.flatMap(s =>
            s.status === 'rejected' ? [s.reason as Error] : [],
          );
          if (failed.length > 0) {
            throw new Error(
              `Applying failed on ${failed.length} cluster${
                failed.length > 1 ? 's' : ''
              }; what was applied stays, and running the template again completes the rest:\n${failed
                .map(f => f.message)
                .join('\n')}`,
            );
          }
        }
      } catch (error) {
        ctx.output('objects', done);
        await audit.fail({ error: error as Error, meta: outcomesMeta(done) });
        throw error;
      }
      for (const o of done) {
        ctx.logger.info(
          `${o.outcome} ${o.kind} ${o.namespace}/${o.name} on cluster '${o.cluster}'`,
        );
      }
      ctx.output('objects', done);
      await audit.success({ meta: outcomesMeta(done) });
    },
  });
}

/** Refuses an owner other than the catalog's, and an initiator who may not provision for it somewhere. */
async function assertAllowed(
  options: ProvisionActionOptions,
  credentials: BackstageCredentials,
  request: ApplyRequest,
): Promise<void> {
  const checks = await loadRunChecks(options, credentials, request.component);
  const ownerRefusal = catalogOwnerRefusal(request, checks.ownership);
  if (ownerRefusal) {
    throw ownerRefusal;
  }
  const denied = request.environments.filter(
    e => !checks.authorization({ environment: e.name, owner: request.owner }),
  );
  if (denied.length > 0) {
    throw new NotAllowedError(
      `Not allowed to apply into the namespaces of ${request.owner} in ${denied
        .map(e => `'${e.name}'`)
        .join(
          ', ',
        )} (permission guardrails.namespace.provision); nothing was applied.`,
    );
  }
}

interface ApplyRequest {
  component: string;
  owner: string;
  enforce: ReadonlySet<string>;
  environments: Array<{ name: string; namespace: string; clusters: string[] }>;
}

function checkInput(
  input: {
    component: string;
    owner: string;
    namespaces: Record<string, string>;
    kinds: ApplyableKind[];
    enforce?: string[];
  },
  configured: Array<{ name: string; clusters: string[] }>,
  guardrails: ReadonlyMap<string, Guardrail>,
): ApplyRequest {
  const problems: string[] = [];
  const { enforce, problem } = enforcedGuardrails(input.enforce, guardrails);
  if (problem) {
    problems.push(problem);
  }
  const component = normalizeEntityRef(input.component);
  if (!component) {
    problems.push(
      `component '${input.component}' is not an entity ref, e.g. component:default/payments-api`,
    );
  }
  const owner = normalizeEntityRef(input.owner);
  if (!owner) {
    problems.push(
      `owner '${input.owner}' is not an entity ref, e.g. group:default/payments`,
    );
  }
  const environments: ApplyRequest['environments'] = [];
  for (const [name, namespace] of Object.entries(input.namespaces)) {
    const environment = configured.find(e => e.name === name);
    if (!environment) {
      problems.push(
        `namespaces: environment '${name}' is not configured; configured environments: ${configured
          .map(e => e.name)
          .join(', ')}`,
      );
    } else if (!KubernetesValidatorFunctions.isValidNamespace(namespace)) {
      problems.push(
        `namespaces: '${namespace}' (${name}) is not a valid namespace name`,
      );
    } else {
      environments.push({ name, namespace, clusters: environment.clusters });
    }
  }
  if (Object.keys(input.namespaces).length === 0) {
    problems.push('namespaces must name at least one environment');
  }
  if (problems.length > 0 || !component || !owner) {
    throw new InputError(
      `Nothing was applied; the request is invalid:\n${problems
        .map(p => `- ${p}`)
        .join('\n')}`,
    );
  }
  return { component, owner, enforce, environments };
}
