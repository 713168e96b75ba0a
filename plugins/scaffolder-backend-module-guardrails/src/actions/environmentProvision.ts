import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { NamespaceProvisioner } from '../provisioning/NamespaceProvisioner';
import { PreparedNamespace } from '../provisioning/prepareNamespace';
import { catalogOwnerRefusal } from '../provisioning/catalogOwnership';
import { NamespaceProvisionResult } from '../provisioning/types';
import { checkpointOf, loadRunChecks } from './actionRun';
import { examples } from './environmentProvision.examples';
import { ProvisionActionOptions } from './namespaceProvision';
import { provisionInputs } from './inputSchemas';
import { entitySchema, provisionedObjectSchema } from './outputSchemas';

/** The outcome of one environment of `guardrails:environment:provision`. @public */
export interface EnvironmentProvisionOutcome {
  environment: string;
  namespace: string;
  clusters: string[];
  status: 'provisioned' | 'planned' | 'failed';
  objects: NamespaceProvisionResult['objects'];
  entity?: NamespaceProvisionResult['entity'];
  error?: string;
}

/**
 * Creates the `guardrails:environment:provision` action: one component across several
 * environments (all configured ones by default), a guarded namespace named
 * `<prefix>-<environment>` in each with that environment's profile. Environments are provisioned
 * concurrently and independently: one that fails does not stop the others, every result is
 * output, and the step then fails naming the environments to rerun.
 * @public
 */
export function createEnvironmentProvisionAction(
  options: ProvisionActionOptions,
) {
  const provisioner = new NamespaceProvisioner(
    options.clusters,
    options.auditor,
  );

  return createTemplateAction({
    id: 'guardrails:environment:provision',
    description:
      'Provisions a guarded Kubernetes namespace for a component in each of several environments (all configured environments by default).',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        owner: provisionInputs.owner,
        component: provisionInputs.component,
        environments: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Environments to provision in; every configured environment when absent',
            ),
        namespacePrefix: z =>
          z
            .string()
            .optional()
            .describe(
              "Namespaces are named '<prefix>-<environment>'; the prefix defaults to the component's name",
            ),
        size: z =>
          z
            .string()
            .optional()
            .describe(
              "Size profile, the same name in every environment; each environment's first size when absent",
            ),
        costCenter: provisionInputs.costCenter,
        extraLabels: provisionInputs.extraLabels,
      },
      output: {
        environments: z =>
          z
            .array(
              z.object({
                environment: z.string(),
                namespace: z.string(),
                clusters: z.array(z.string()),
                status: z.enum(['provisioned', 'planned', 'failed']),
                objects: z.array(provisionedObjectSchema(z)),
                entity: entitySchema(z).optional(),
                error: z.string().optional(),
              }),
            )
            .describe('One result per environment, in the order asked'),
        namespaces: z =>
          z.record(z.string()).describe('Namespace name by environment'),
        entities: z =>
          z
            .array(entitySchema(z))
            .describe(
              'Catalog Resource entities of the provisioned namespaces',
            ),
        failedEnvironments: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const prepared = prepareAll(provisioner, ctx.input);
      const credentials = await ctx.getInitiatorCredentials();
      const checks = await loadRunChecks(
        options,
        credentials,
        prepared[0].request.component,
      );
      const { authorization } = checks;
      const run = {
        credentials,
        ...checks,
        dryRun: ctx.isDryRun === true,
        logger: ctx.logger,
        checkpoint: checkpointOf(ctx),
        taskId: ctx.task?.id,
      };

      // A refusal is known before any call: nothing is provisioned anywhere, and each refused
      // environment is still recorded in the audit log. Every environment has the same component
      // and owner, so an owner the catalog does not record is refused in all of them.
      const ownerRefusal = catalogOwnerRefusal(
        prepared[0].request,
        checks.ownership,
      );
      if (ownerRefusal) {
        await Promise.allSettled(
          prepared.map(p => provisioner.provision(p, run)),
        );
        throw ownerRefusal;
      }
      const denied = prepared.filter(
        p =>
          !authorization({
            environment: p.environment.name,
            owner: p.request.owner,
          }),
      );
      if (denied.length > 0) {
        await Promise.allSettled(
          denied.map(p => provisioner.provision(p, run)),
        );
        throw new NotAllowedError(
          `Not allowed to provision namespaces for ${
            prepared[0].request.owner
          } in environment${denied.length > 1 ? 's' : ''} ${denied
            .map(p => `'${p.environment.name}'`)
            .join(
              ', ',
            )} (permission guardrails.namespace.provision); nothing was provisioned. Ask a member of ${
            prepared[0].request.owner
          } to run the template, or leave those environments out.`,
        );
      }

      const settled = await Promise.allSettled(
        prepared.map(p => provisioner.provision(p, run)),
      );
      const outcomes = settled.map((result, index) =>
        toOutcome(prepared[index], result, run.dryRun),
      );
      const failed = outcomes.filter(o => o.status === 'failed');

      ctx.output('environments', outcomes);
      ctx.output(
        'namespaces',
        Object.fromEntries(outcomes.map(o => [o.environment, o.namespace])),
      );
      ctx.output(
        'entities',
        outcomes.flatMap(o => (o.entity ? [o.entity] : [])),
      );
      ctx.output(
        'failedEnvironments',
        failed.map(o => o.environment),
      );

      if (failed.length > 0) {
        for (const o of failed) {
          ctx.logger.error(`Environment '${o.environment}': ${o.error}`);
        }
        const succeeded = outcomes.filter(o => o.status !== 'failed');
        throw new Error(
          `Provisioning failed in ${failed.length} of ${
            outcomes.length
          } environments: ${failed.map(o => o.environment).join(', ')}${
            succeeded.length
              ? ` (${succeeded.map(o => o.environment).join(', ')} ${
                  run.dryRun ? 'planned' : 'provisioned'
                })`
              : ''
          }. Run the template again once the cause is fixed; provisioning is idempotent and completes the rest.\n${failed
            .map(o => `- ${o.environment}: ${o.error}`)
            .join('\n')}`,
        );
      }
    },
  });
}

function prepareAll(
  provisioner: NamespaceProvisioner,
  input: {
    owner: string;
    component: string;
    environments?: string[];
    namespacePrefix?: string;
    size?: string;
    costCenter: string;
    extraLabels?: Record<string, string>;
  },
): PreparedNamespace[] {
  const names =
    input.environments ?? provisioner.environments().map(e => e.name);
  if (names.length === 0) {
    throw new InputError('environments must name at least one environment');
  }
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  if (duplicates.length > 0) {
    throw new InputError(
      `environments lists ${duplicates
        .map(d => `'${d}'`)
        .join(', ')} more than once`,
    );
  }
  const prefix = input.namespacePrefix ?? componentName(input.component);
  const prepared: PreparedNamespace[] = [];
  const problems: string[] = [];
  for (const environment of names) {
    try {
      prepared.push(
        provisioner.prepare({
          owner: input.owner,
          component: input.component,
          namespace: `${prefix}-${environment}`,
          environment,
          size: input.size,
          costCenter: input.costCenter,
          extraLabels: input.extraLabels,
        }),
      );
    } catch (error) {
      problems.push(`${environment}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) {
    throw new InputError(
      `Nothing was provisioned; the request is invalid:\n${problems
        .map(p => `- ${p}`)
        .join('\n')}`,
    );
  }
  return prepared;
}

function componentName(component: string): string {
  try {
    return parseEntityRef(component).name;
  } catch {
    // The per-environment checks report the invalid ref with the rest of the input problems.
    return component;
  }
}

function toOutcome(
  prepared: PreparedNamespace,
  result: PromiseSettledResult<NamespaceProvisionResult>,
  dryRun: boolean,
): EnvironmentProvisionOutcome {
  const base = {
    environment: prepared.environment.name,
    namespace: prepared.request.namespace,
    clusters: prepared.environment.clusters,
  };
  if (result.status === 'fulfilled') {
    return {
      ...base,
      status: dryRun ? 'planned' : 'provisioned',
      objects: result.value.objects,
      entity: result.value.entity,
    };
  }
  const error = result.reason as Error & { objects?: unknown };
  return {
    ...base,
    status: 'failed',
    objects: Array.isArray(error.objects)
      ? (error.objects as NamespaceProvisionResult['objects'])
      : [],
    error: error.message,
  };
}
