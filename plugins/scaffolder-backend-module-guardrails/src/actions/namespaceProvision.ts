import {
  AuditorService,
  AuthService,
  DiscoveryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ClusterAccess } from '@guardrails-dev/plugin-guardrails-node';
import { NamespaceProvisioner } from '../provisioning/NamespaceProvisioner';
import { checkpointOf, loadRunChecks } from './actionRun';
import { examples } from './namespaceProvision.examples';
import { provisionInputs } from './inputSchemas';
import { entitySchema, provisionedObjectSchema } from './outputSchemas';

/** What the provisioning actions need from the backend. @public */
export interface ProvisionActionOptions {
  clusters: ClusterAccess;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Finds the catalog, which records the owner of every existing component. */
  discovery: DiscoveryService;
  /** Issues the plugin's own tokens for reading owners from the catalog. */
  auth: AuthService;
}

/**
 * Creates the `guardrails:namespace:provision` action: a guarded namespace (labels, Pod Security,
 * quota, limit range, network policies, owner and deploy access) for a component in one
 * environment, on every cluster of the environment.
 * @public
 */
export function createNamespaceProvisionAction(
  options: ProvisionActionOptions,
) {
  const provisioner = new NamespaceProvisioner(
    options.clusters,
    options.auditor,
  );

  return createTemplateAction({
    id: 'guardrails:namespace:provision',
    description:
      "Provisions a guarded Kubernetes namespace for a component in one environment, on each of the environment's clusters, with server-side apply. Refuses an owner other than the catalog's for an existing component, and namespaces that belong to someone else.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        owner: provisionInputs.owner,
        component: provisionInputs.component,
        namespace: z =>
          z
            .string()
            .describe(
              "Namespace name: lower-case letters, digits and '-', at most 63 characters",
            ),
        environment: z =>
          z
            .string()
            .describe('Environment from guardrails.environments, e.g. prod'),
        size: z =>
          z
            .string()
            .optional()
            .describe(
              "Size profile of the environment (quota and limits); the environment's first size when absent",
            ),
        costCenter: provisionInputs.costCenter,
        extraLabels: provisionInputs.extraLabels,
      },
      output: {
        namespace: z => z.string(),
        environment: z => z.string(),
        cluster: z =>
          z.string().describe("The environment's clusters, comma-separated"),
        clusters: z => z.array(z.string()),
        dryRun: z => z.boolean(),
        objects: z =>
          z
            .array(provisionedObjectSchema(z))
            .describe('Every object on every cluster with what happened to it'),
        entity: z =>
          entitySchema(z).describe(
            'Catalog Resource entity of the namespace, for catalog:write',
          ),
      },
    },
    async handler(ctx) {
      // Input is checked against configuration before anything else: nothing is called on a bad request.
      const prepared = provisioner.prepare(ctx.input);
      const credentials = await ctx.getInitiatorCredentials();
      const checks = await loadRunChecks(
        options,
        credentials,
        prepared.request.component,
      );
      const result = await provisioner.provision(prepared, {
        credentials,
        ...checks,
        dryRun: ctx.isDryRun === true,
        logger: ctx.logger,
        checkpoint: checkpointOf(ctx),
        taskId: ctx.task?.id,
      });
      ctx.output('namespace', result.namespace);
      ctx.output('environment', result.environment);
      ctx.output('cluster', result.clusters.join(', '));
      ctx.output('clusters', result.clusters);
      ctx.output('dryRun', result.dryRun);
      ctx.output('objects', result.objects);
      ctx.output('entity', result.entity);
    },
  });
}
