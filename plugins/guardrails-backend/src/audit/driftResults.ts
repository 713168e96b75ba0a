import { AuditorService } from '@backstage/backend-plugin-api';
import { ResourceRef } from '@guardrails-dev/plugin-guardrails-common';
import {
  CompiledPack,
  KubernetesManifest,
} from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterClient,
  EnvironmentDefinition,
} from '@guardrails-dev/plugin-guardrails-node';
import { StoredResult } from '../db';
import { entityFields, EntityLookup } from './clusterEntities';
import { Drift, detectDrift, driftLevel } from './drift';

/** What handling drift needs besides the cluster. */
export interface DriftContext {
  pack: CompiledPack;
  auditor: AuditorService;
  environment: EnvironmentDefinition;
  at: Date;
  entityFor: EntityLookup;
}

/**
 * Drift of suite-provisioned namespaces: reported at the drifted guardrail's level, and restored with
 * server-side apply where that level is auto-correct. Every restore is an auditor event.
 */
export async function driftResults(
  client: ClusterClient,
  objects: KubernetesManifest[],
  context: DriftContext,
): Promise<StoredResult[]> {
  const { pack, environment, at, entityFor } = context;
  const results: StoredResult[] = [];
  for (const drift of detectDrift(objects, environment)) {
    const stage = driftLevel(pack.pack.guardrails, drift, environment.name, at);
    if (!stage) continue;
    const resource: ResourceRef = {
      apiVersion: 'v1',
      kind: 'Namespace',
      name: drift.namespace,
      cluster: client.cluster,
      environment: environment.name,
    };
    const result: StoredResult = {
      guardrail: drift.guardrail,
      title: stage.guardrail.title,
      resource,
      result: stage.enforcing ? 'fail' : 'warn',
      level: stage.level,
      message: drift.message,
      severity: stage.guardrail.severity,
      category: stage.guardrail.category,
      cluster: client.cluster,
      environment: environment.name,
      source: 'drift',
      ...entityFields(entityFor(resource)),
    };
    results.push(
      stage.level === 'auto-correct'
        ? await restore(client, drift, result, context.auditor)
        : result,
    );
  }
  return results;
}

async function restore(
  client: ClusterClient,
  drift: Drift,
  result: StoredResult,
  auditor: AuditorService,
): Promise<StoredResult> {
  const event = await auditor.createEvent({
    eventId: 'auto-correct',
    severityLevel: 'high',
    meta: {
      cluster: client.cluster,
      environment: result.environment,
      namespace: drift.namespace,
      guardrail: drift.guardrail,
      drift: drift.message,
      objects: drift.restore.map(o => `${o.kind}/${o.metadata?.name}`),
    },
  });
  try {
    // Force: the suite owns its baseline fields, even when someone edited them with another field manager.
    for (const object of drift.restore) {
      await client.apply(object as any, { force: true });
    }
    await event.success();
    return {
      ...result,
      source: 'auto-correct',
      message: `${drift.message}; restored by auto-correct`,
    };
  } catch (error) {
    await event.fail({ error: error as Error });
    return {
      ...result,
      result: 'error',
      source: 'auto-correct',
      message: `${drift.message}; auto-correct failed: ${
        (error as Error).message
      }`,
    };
  }
}
