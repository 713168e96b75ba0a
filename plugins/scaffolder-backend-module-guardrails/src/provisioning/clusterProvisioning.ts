import {
  KubernetesManifest,
  NamespaceBaseline,
} from '@guardrails-dev/plugin-guardrails-engine';
import {
  ApplyOutcome,
  ClusterClient,
  KubernetesObject,
} from '@guardrails-dev/plugin-guardrails-node';
import { ClusterProvisionError } from './ClusterProvisionError';
import { appliesWithoutChange } from './planObjects';
import { ProvisionedObject, ProvisionOutcome } from './types';

/** The Namespace and each baseline object as the cluster holds them (undefined: absent). */
export interface BaselineReads {
  namespace: KubernetesObject | undefined;
  /** In the order of `baseline.objects`. */
  objects: Array<KubernetesObject | undefined>;
  /** The Namespace as this provisioning just created it (see {@link createOrReadBaseline}). */
  created?: KubernetesObject;
}

/**
 * Reads the Namespace and every baseline object in one concurrent round: the ownership check, the plan and the
 * applies all work from these reads, so none of them needs another round trip to the cluster.
 */
export async function readBaseline(
  client: ClusterClient,
  baseline: NamespaceBaseline,
): Promise<BaselineReads> {
  const [namespace, ...objects] = await Promise.all(
    [baseline.namespace, ...baseline.objects].map(object =>
      client.get(
        object.apiVersion,
        object.kind,
        object.metadata!.name!,
        object.metadata?.namespace,
      ),
    ),
  );
  return { namespace, objects };
}

/**
 * {@link readBaseline} with a create of the Namespace in the same round. A create only succeeds
 * where no namespace of that name exists, so it can never take over another one, and a new
 * namespace then needs one more round instead of two; where the namespace exists, the create
 * writes nothing and the reads serve the ownership check as before. Only for a single cluster:
 * an environment spanning several is checked on all of them before anything is written.
 */
export async function createOrReadBaseline(
  client: ClusterClient,
  baseline: NamespaceBaseline,
): Promise<BaselineReads> {
  const namespace = baseline.namespace;
  const [created, reads] = await Promise.all([
    client.create(namespace).catch(error => {
      throw namespaceFailed(client, baseline, error);
    }),
    readBaseline(client, baseline),
  ]);
  if (created) {
    return { ...reads, namespace: undefined, created };
  }
  if (!reads.namespace) {
    // It exists but came into being after the read (another run, or a resent create): read it again.
    const { apiVersion, kind, metadata } = namespace;
    return {
      ...reads,
      namespace: await client.get(apiVersion, kind, metadata!.name!),
    };
  }
  return reads;
}

/**
 * Applies a guarded namespace to one cluster with server-side apply. A new Namespace goes first,
 * since nothing can be created in it before it exists, then everything else concurrently; when
 * the Namespace already exists (read just before), or this run created it, everything goes at
 * once. Objects that fail do not stop the others; the failures are thrown together as a
 * ClusterProvisionError.
 */
export async function applyBaseline(
  client: ClusterClient,
  baseline: NamespaceBaseline,
  reads: BaselineReads,
): Promise<ProvisionedObject[]> {
  const existing = reads.namespace;
  const total = baseline.objects.length + 1;
  const namespaceName = baseline.namespace.metadata!.name!;
  // The reads just made save a read per object: a new Namespace holds nothing yet.
  const apply = async (
    object: KubernetesManifest,
    current?: KubernetesObject | null,
  ) => {
    const { outcome } = await client.apply(
      object,
      current !== undefined ? { current } : {},
    );
    return describe(client.cluster, object, outcome);
  };
  const applyNamespace = async (): Promise<ProvisionedObject> => {
    if (reads.created) {
      // The create's fields go to the apply manager, so later applies can change and drop them.
      await client.upgradeToApply(reads.created, baseline.namespace);
      return describe(client.cluster, baseline.namespace, 'created');
    }
    // A namespace whose earlier hand-over failed gets it now, before the apply.
    const current =
      existing && (await client.upgradeToApply(existing, baseline.namespace));
    return apply(baseline.namespace, current);
  };
  const applied: ProvisionedObject[] = [];
  let concurrent: Array<() => Promise<ProvisionedObject>> = [
    applyNamespace,
    ...baseline.objects.map((o, i) => () => apply(o, reads.objects[i] ?? null)),
  ];
  if (!existing && !reads.created) {
    try {
      applied.push(await apply(baseline.namespace, null));
    } catch (error) {
      throw namespaceFailed(client, baseline, error);
    }
    concurrent = baseline.objects.map(o => () => apply(o, null));
  }
  const failures: Error[] = [];
  for (const result of await Promise.allSettled(concurrent.map(run => run()))) {
    if (result.status === 'fulfilled') {
      applied.push(result.value);
    } else {
      failures.push(asError(result.reason));
    }
  }
  if (failures.length > 0) {
    throw new ClusterProvisionError(
      client.cluster,
      namespaceName,
      applied,
      failures,
      total,
    );
  }
  return applied;
}

/**
 * What applying would do, from reads only: nothing is written, not even a server dry run, so a
 * plan is safe under any permission the cluster's service account has. `existing` is the
 * Namespace as read just before; when it does not exist, neither can anything in it.
 */
export function planBaseline(
  client: ClusterClient,
  baseline: NamespaceBaseline,
  reads: BaselineReads,
): ProvisionedObject[] {
  const existing = reads.namespace;
  const cluster = client.cluster;
  const namespace = describe(
    cluster,
    baseline.namespace,
    planOutcome(baseline.namespace, existing),
  );
  if (!existing) {
    return [
      namespace,
      ...baseline.objects.map(o => describe(cluster, o, 'would-create')),
    ];
  }
  const rest = baseline.objects.map((object, i) =>
    describe(cluster, object, planOutcome(object, reads.objects[i])),
  );
  return [namespace, ...rest];
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
  outcome: ApplyOutcome | ProvisionOutcome,
): ProvisionedObject {
  return {
    cluster,
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata!.name!,
    ...(object.metadata?.namespace
      ? { namespace: object.metadata.namespace }
      : {}),
    outcome,
  };
}

/** The Namespace could not be written, so nothing else was. */
function namespaceFailed(
  client: ClusterClient,
  baseline: NamespaceBaseline,
  error: unknown,
): ClusterProvisionError {
  return new ClusterProvisionError(
    client.cluster,
    baseline.namespace.metadata!.name!,
    [],
    [asError(error)],
    baseline.objects.length + 1,
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
