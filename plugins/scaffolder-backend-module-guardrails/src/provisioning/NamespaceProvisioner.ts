import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  ClusterAccess,
  ClusterClient,
  EnvironmentDefinition,
} from '@guardrails-dev/plugin-guardrails-node';
import {
  applyBaseline,
  createOrReadBaseline,
  planBaseline,
  readBaseline,
} from './clusterProvisioning';
import { ClusterProvisionError } from './ClusterProvisionError';
import { CatalogOwnership, catalogOwnerRefusal } from './catalogOwnership';
import { namespaceEntity } from './namespaceEntity';
import { assertNamespaceClaimable } from './namespaceOwnership';
import { PreparedNamespace, prepareNamespace } from './prepareNamespace';
import { ProvisionAuthorization } from './provisionAuthorization';
import {
  initiatorOf,
  outcomesMeta,
  startProvisionAudit,
} from './provisionAudit';
import {
  NamespaceProvisionResult,
  NamespaceRequest,
  ProvisionedObject,
} from './types';

/** Runs a side effect at most once per task, surviving task recovery (`ctx.checkpoint`). */
export type Checkpoint = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

/** How one provisioning runs: on whose behalf, whether it writes, where it reports. */
export interface ProvisionRun {
  credentials: BackstageCredentials;
  authorization: ProvisionAuthorization;
  /** The component's owner as the catalog records it, read before anything else. */
  ownership: CatalogOwnership;
  dryRun: boolean;
  logger: LoggerService;
  checkpoint: Checkpoint;
  taskId?: string;
}

/**
 * Provisions guarded namespaces: checks the request against configuration, the catalog's owner of
 * the component, the permission policy and what already exists on every cluster of the
 * environment before writing anything, then
 * applies on each cluster and records an audit event.
 */
export class NamespaceProvisioner {
  constructor(
    private readonly clusters: ClusterAccess,
    private readonly auditor: AuditorService,
  ) {}

  environments(): EnvironmentDefinition[] {
    return this.clusters.environments();
  }

  /** Checks a request against configuration; no calls. Throws InputError naming every problem. */
  prepare(request: NamespaceRequest): PreparedNamespace {
    return prepareNamespace(request, this.environments());
  }

  async provision(
    prepared: PreparedNamespace,
    run: ProvisionRun,
  ): Promise<NamespaceProvisionResult> {
    const { request, environment } = prepared;
    const audit = await startProvisionAudit(this.auditor, {
      credentials: run.credentials,
      request,
      clusters: environment.clusters,
      dryRun: run.dryRun,
      taskId: run.taskId,
    });
    try {
      this.authorize(prepared, run);
      const objects = await this.provisionOnClusters(prepared, run);
      await audit.success({ meta: outcomesMeta(objects) });
      return {
        environment: environment.name,
        namespace: request.namespace,
        clusters: environment.clusters,
        dryRun: run.dryRun,
        objects,
        entity: namespaceEntity({
          namespace: request.namespace,
          environment,
          owner: request.owner,
          component: request.component,
          clusters: environment.clusters,
        }),
      };
    } catch (error) {
      await audit.fail({
        error: error as Error,
        ...(error instanceof ClusterProvisionError
          ? { meta: outcomesMeta(error.objects) }
          : {}),
      });
      throw error;
    }
  }

  private authorize(prepared: PreparedNamespace, run: ProvisionRun) {
    const { environment, owner } = prepared.request;
    // The owner of a component the catalog has is the catalog's: the permission decision below
    // and the namespace's owner label, cost centre and owner binding all follow from it.
    const refusal = catalogOwnerRefusal(prepared.request, run.ownership);
    if (refusal) {
      throw refusal;
    }
    if (!run.authorization({ environment, owner })) {
      throw new NotAllowedError(
        `${initiatorOf(
          run.credentials,
        )} may not provision namespaces for ${owner} in environment '${environment}' (permission guardrails.namespace.provision). Ask a member of ${owner} to run the template, or the platform team to grant access.`,
      );
    }
  }

  private async provisionOnClusters(
    prepared: PreparedNamespace,
    run: ProvisionRun,
  ): Promise<ProvisionedObject[]> {
    const { request, environment, baseline } = prepared;
    const clients = environment.clusters.map(name =>
      this.clusters.forCluster(name),
    );
    // Every cluster is checked before any is written to: a refusal leaves all of them untouched.
    // On a single cluster the Namespace's create can go with the reads, since a create never
    // lands on an existing namespace.
    const read =
      !run.dryRun && clients.length === 1 ? createOrReadBaseline : readBaseline;
    const reads = await Promise.all(
      clients.map(client => read(client, baseline)),
    );
    clients.forEach((client, index) =>
      assertNamespaceClaimable(client.cluster, reads[index].namespace, {
        namespace: request.namespace,
        environment: environment.name,
        component: request.component,
        owner: request.owner,
      }),
    );

    if (run.dryRun) {
      const plans = clients.map((client, index) =>
        planBaseline(client, baseline, reads[index]),
      );
      return this.report(plans.flat(), run);
    }

    const settled = await Promise.allSettled(
      clients.map((client: ClusterClient, index) =>
        run.checkpoint(
          `guardrails.namespace.provision.${environment.name}.${client.cluster}.${request.namespace}`,
          () => applyBaseline(client, baseline, reads[index]),
        ),
      ),
    );
    const applied = settled.flatMap(s =>
      s.status === 'fulfilled' ? s.value : [],
    );
    const failed = settled.flatMap(s =>
      s.status === 'rejected' ? [s.reason as Error] : [],
    );
    if (failed.length === 0) {
      return this.report(applied, run);
    }
    for (const error of failed) {
      if (error instanceof ClusterProvisionError) {
        applied.push(...error.objects);
      }
    }
    this.report(applied, run);
    if (failed.length === 1) {
      throw failed[0];
    }
    throw new ClusterProvisionError(
      failed
        .map(e => (e instanceof ClusterProvisionError ? e.cluster : 'unknown'))
        .join(', '),
      request.namespace,
      applied,
      failed,
      (baseline.objects.length + 1) * clients.length,
    );
  }

  private report(
    objects: ProvisionedObject[],
    run: ProvisionRun,
  ): ProvisionedObject[] {
    for (const o of objects) {
      run.logger.info(
        `${o.outcome} ${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${
          o.name
        } on cluster '${o.cluster}'`,
      );
    }
    return objects;
  }
}
