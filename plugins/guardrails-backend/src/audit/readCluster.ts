import {
  ClusterClient,
  ClusterRequestError,
  KubernetesObject,
} from '@guardrails-dev/plugin-guardrails-node';
import { AuditedKind, REPORT_KINDS, SUITE_KINDS } from './auditedKinds';
import { mapWithConcurrency } from './concurrency';
import { GroupKind } from './packKinds';

/** Everything the audit read from one cluster. */
export interface ClusterSnapshot {
  objects: KubernetesObject[];
  reports: KubernetesObject[];
  /** Kinds the pack's guardrails match that the cluster does not serve (their CRD is not installed). */
  notServed: GroupKind[];
  /** Each kind listed, with the resourceVersion of its list: where a watch of it starts. */
  listed: ListedKind[];
}

/** A kind read from a cluster and the resourceVersion of its list. */
export interface ListedKind {
  apiVersion: string;
  kind: string;
  resourceVersion: string;
  /** A policy report kind: its objects are reports, not objects to evaluate. */
  report: boolean;
}

interface Listed extends AuditedKind {
  /** Set for a kind listed because the pack matches it: not served is then a finding, not a failure. */
  packKind?: GroupKind;
}

/**
 * Lists the suite's kinds and the kinds the pack's guardrails match in one cluster, page by page. Any failure of a
 * suite kind fails the whole read, so a partial view never replaces the last complete one; a pack kind the cluster
 * does not serve is reported in `notServed`, and report kinds it does not serve are skipped.
 */
export async function readCluster(
  client: ClusterClient,
  options: { pageSize: number; concurrency: number; packKinds: GroupKind[] },
): Promise<ClusterSnapshot> {
  const notServed: GroupKind[] = [];
  const suite = new Set(SUITE_KINDS.map(k => `${k.apiVersion}|${k.kind}`));
  const resolved = await mapWithConcurrency(
    options.packKinds,
    options.concurrency,
    async (packKind): Promise<Listed | undefined> => {
      // Discovery is cached per cluster, so this costs requests only when a group is first seen or refreshed.
      const served = await client.servedKind(packKind.group, packKind.kind);
      if (!served) {
        notServed.push(packKind);
        return undefined;
      }
      return suite.has(`${served.apiVersion}|${served.kind}`)
        ? undefined
        : { apiVersion: served.apiVersion, kind: served.kind, packKind };
    },
  );
  const objectKinds: Listed[] = [
    ...SUITE_KINDS,
    ...resolved.filter((k): k is Listed => k !== undefined),
  ];

  const listed: ListedKind[] = [];
  const reportKinds = new Set(REPORT_KINDS);
  const listKind = async (kind: Listed): Promise<KubernetesObject[]> => {
    try {
      const items: KubernetesObject[] = [];
      let resourceVersion: string | undefined;
      for await (const page of client.list(kind.apiVersion, kind.kind, {
        limit: options.pageSize,
      })) {
        resourceVersion ??= page.resourceVersion;
        items.push(...page.items);
      }
      if (resourceVersion) {
        listed.push({
          apiVersion: kind.apiVersion,
          kind: kind.kind,
          resourceVersion,
          report: reportKinds.has(kind),
        });
      }
      return items;
    } catch (error) {
      if (isNotServed(error)) {
        // The CRD was deleted since discovery last saw it.
        if (kind.packKind) {
          notServed.push(kind.packKind);
          return [];
        }
        if (kind.optional) return [];
      }
      throw error;
    }
  };
  const lists = await mapWithConcurrency(
    [...objectKinds, ...REPORT_KINDS],
    options.concurrency,
    listKind,
  );
  return {
    objects: lists.slice(0, objectKinds.length).flat(),
    reports: lists.slice(objectKinds.length).flat(),
    listed,
    notServed: notServed.sort(
      (a, b) =>
        a.group.localeCompare(b.group, 'en') ||
        a.kind.localeCompare(b.kind, 'en'),
    ),
  };
}

function isNotServed(error: unknown): boolean {
  // The cluster answers 404 for an API group or resource it does not serve (its CRD is not installed).
  return error instanceof ClusterRequestError && error.status === 404;
}
