import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { KubernetesManifest } from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterAccess,
  ClusterClient,
  KubernetesObject,
} from '@guardrails-dev/plugin-guardrails-node';
import { ClusterProvisionError } from '../provisioning/ClusterProvisionError';
import { assertNamespaceClaimable } from '../provisioning/namespaceOwnership';
import { appliesWithoutChange } from '../provisioning/planObjects';
import { ProvisionedObject, ProvisionOutcome } from '../provisioning/types';

const UNTOUCHED = 'Nothing was applied.';

/** Objects for one environment: its namespace, its clusters, the objects already placed in the namespace. */
export interface ApplyTarget {
  environment: string;
  namespace: string;
  clusters: string[];
  /** Component and owner the namespace must have been provisioned for. */
  component: string;
  owner: string;
  objects: KubernetesManifest[];
}

/** One cluster of a target as read before anything is written. */
export interface ClusterReads {
  client: ClusterClient;
  /** Each object as the cluster holds it (undefined: absent), in the order of the target's objects. */
  current: Array<KubernetesObject | undefined>;
}

/**
 * Reads every cluster of the target, refusing before any write: a namespace that does not exist (in a dry run,
 * where provisioning only planned it, everything would be created) or was not provisioned for the component,
 * owner and environment, a kind the cluster does not serve (its CustomResourceDefinition not installed) or that
 * is cluster-scoped.
 */
export async function readTarget(
  clusters: ClusterAccess,
  target: ApplyTarget,
  options: { dryRun: boolean },
): Promise<ClusterReads[]> {
  return Promise.all(
    target.clusters.map(async name => {
      const client = clusters.forCluster(name);
      const [namespace] = await Promise.all([
        client.get('v1', 'Namespace', target.namespace),
        ...distinctKinds(target.objects).map(k => checkServed(client, k)),
      ]);
      if (!namespace && options.dryRun) {
        // A dry run of the provisioning before it planned the namespace without creating it.
        return { client, current: target.objects.map(() => undefined) };
      }
      if (!namespace) {
        throw new ConflictError(
          `Namespace '${target.namespace}' does not exist in cluster '${name}': provision it first (guardrails:environment:provision). ${UNTOUCHED}`,
        );
      }
      assertNamespaceClaimable(
        name,
        namespace,
        {
          namespace: target.namespace,
          environment: target.environment,
          component: target.component,
          owner: target.owner,
        },
        UNTOUCHED,
      );
      const current = await Promise.all(
        target.objects.map(o =>
          client.get(o.apiVersion, o.kind, o.metadata!.name!, target.namespace),
        ),
      );
      return { client, current };
    }),
  );
}

/** What applying would do on each cluster, from the reads only: nothing is written, not even a server dry run. */
export function planTarget(
  target: ApplyTarget,
  reads: ClusterReads[],
): ProvisionedObject[] {
  return reads.flatMap(({ client, current }) =>
    target.objects.map((object, i) =>
      describe(client.cluster, object, planOutcome(object, current[i])),
    ),
  );
}

/**
 * Applies the target's objects on one cluster with server-side apply, concurrently. Objects that fail do not
 * stop the others; the failures are thrown together as a ClusterProvisionError with what was applied.
 */
export async function applyOnCluster(
  target: ApplyTarget,
  reads: ClusterReads,
): Promise<ProvisionedObject[]> {
  const { client, current } = reads;
  const settled = await Promise.allSettled(
    target.objects.map(async (object, i) => {
      const { outcome } = await client.apply(object, {
        current: current[i] ?? null,
      });
      return describe(client.cluster, object, outcome);
    }),
  );
  const applied = settled.flatMap(s =>
    s.status === 'fulfilled' ? [s.value] : [],
  );
  const failures = settled.flatMap(s =>
    s.status === 'rejected'
      ? [s.reason instanceof Error ? s.reason : new Error(String(s.reason))]
      : [],
  );
  if (failures.length > 0) {
    throw new ClusterProvisionError(
      client.cluster,
      target.namespace,
      applied,
      failures,
      target.objects.length,
    );
  }
  return applied;
}

function distinctKinds(
  objects: KubernetesManifest[],
): Array<{ apiVersion: string; kind: string }> {
  const kinds = new Map(
    objects.map(o => [`${o.apiVersion} ${o.kind}`, o] as const),
  );
  return [...kinds.values()].map(o => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
  }));
}

async function checkServed(
  client: ClusterClient,
  kind: { apiVersion: string; kind: string },
): Promise<undefined> {
  const group = kind.apiVersion.includes('/')
    ? kind.apiVersion.split('/')[0]
    : '';
  const served = await client.servedKind(group, kind.kind);
  if (!served) {
    throw new NotFoundError(
      `Cluster '${client.cluster}' does not serve ${kind.kind} (${kind.apiVersion}): its CustomResourceDefinition is not installed. ${UNTOUCHED}`,
    );
  }
  if (!served.namespaced) {
    throw new InputError(
      `${kind.kind} (${kind.apiVersion}) is cluster-scoped in cluster '${client.cluster}'; only namespaced objects are applied into a namespace. ${UNTOUCHED}`,
    );
  }
  return undefined;
}

function planOutcome(
  desired: KubernetesManifest,
  live: KubernetesObject | undefined,
): ProvisionOutcome {
  if (!live) {
    return 'would-create';
  }
  const { apiVersion: _a, kind: _k, ...fields } = desired;
  return appliesWithoutChange(fields, live) ? 'unchanged' : 'would-change';
}

function describe(
  cluster: string,
  object: KubernetesManifest,
  outcome: ProvisionOutcome,
): ProvisionedObject {
  return {
    cluster,
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata!.name!,
    namespace: object.metadata!.namespace!,
    outcome,
  };
}
