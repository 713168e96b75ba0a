import {
  ClusterClient,
  ClusterRequestError,
  KubernetesObject,
} from '@guardrails-dev/plugin-guardrails-node';
import { AUDITED_KINDS, AuditedKind, REPORT_KINDS } from './auditedKinds';
import { mapWithConcurrency } from './concurrency';

/** Everything the audit read from one cluster. */
export interface ClusterSnapshot {
  objects: KubernetesObject[];
  reports: KubernetesObject[];
}

/**
 * Lists every audited kind of one cluster, page by page. Any failure of a required kind fails the whole read, so a
 * partial view never replaces the last complete one; report kinds that the cluster does not serve are skipped.
 */
export async function readCluster(
  client: ClusterClient,
  options: { pageSize: number; concurrency: number },
): Promise<ClusterSnapshot> {
  const listKind = async (kind: AuditedKind): Promise<KubernetesObject[]> => {
    try {
      return await client.listAll(kind.apiVersion, kind.kind, {
        limit: options.pageSize,
      });
    } catch (error) {
      if (kind.optional && isNotServed(error)) return [];
      throw error;
    }
  };
  const lists = await mapWithConcurrency(
    [...AUDITED_KINDS, ...REPORT_KINDS],
    options.concurrency,
    listKind,
  );
  return {
    objects: lists.slice(0, AUDITED_KINDS.length).flat(),
    reports: lists.slice(AUDITED_KINDS.length).flat(),
  };
}

function isNotServed(error: unknown): boolean {
  // The cluster answers 404 for an API group it does not serve (the report CRDs are not installed).
  return error instanceof ClusterRequestError && error.status === 404;
}
