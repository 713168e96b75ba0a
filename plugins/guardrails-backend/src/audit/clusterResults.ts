import { AuditorService } from '@backstage/backend-plugin-api';
import {
  CompiledPack,
  evaluateObjectsAsync,
  KubernetesManifest,
} from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterClient,
  EnvironmentDefinition,
} from '@guardrails-dev/plugin-guardrails-node';
import { StoredResult } from '../db';
import { EntityLookup, entityFields } from './clusterEntities';
import { driftResults } from './driftResults';
import { EntityIndex } from './EntityIndex';

/** What evaluating a cluster's objects needs besides the objects. */
export interface ClusterResultsContext {
  client: ClusterClient;
  pack: CompiledPack;
  auditor: AuditorService;
  environment: EnvironmentDefinition;
  at: Date;
  index: EntityIndex;
  /** Every Namespace object of the cluster, whichever objects are evaluated. */
  namespaces: Map<string, KubernetesManifest>;
  entityFor: EntityLookup;
}

/**
 * The pack's results and the namespace drift of some of a cluster's objects: all of them in an audit, or whole
 * namespaces and single cluster-scoped objects when a watch saw them change (evaluation reads nothing outside an
 * object's namespace, so a namespace evaluated alone gives what it gives in a whole-cluster evaluation).
 */
export async function clusterResults(
  objects: KubernetesManifest[],
  context: ClusterResultsContext,
): Promise<StoredResult[]> {
  const { client, environment, at, index, namespaces, entityFor } = context;
  const cluster = client.cluster;
  // In slices, so a large cluster does not hold up the backend's requests while it is evaluated.
  const evaluated = await evaluateObjectsAsync(context.pack, objects, {
    environment: environment.name,
    cluster,
    at,
    namespaces,
    entityRefFor: object => index.match(object, namespaces)?.entityRef,
    source: 'audit',
  });
  const drifts = await driftResults(client, objects, {
    pack: context.pack,
    auditor: context.auditor,
    environment,
    at,
    entityFor,
  });
  const drifted = new Set(drifts.map(d => `${d.guardrail}|${d.resource.name}`));
  return [
    ...evaluated
      // A namespace guardrail reported as drift is not reported twice.
      .filter(
        r =>
          !(
            r.resource.kind === 'Namespace' &&
            drifted.has(`${r.guardrail}|${r.resource.name}`)
          ),
      )
      .map(r => ({
        ...r,
        cluster,
        environment: environment.name,
        source: 'audit',
        ...entityFields(entityFor(r.resource)),
      })),
    ...drifts,
  ];
}
