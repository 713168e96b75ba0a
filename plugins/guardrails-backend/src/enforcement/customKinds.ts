import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import {
  GroupKind,
  kindsWithoutResourceNames,
} from '@guardrails-dev/plugin-guardrails-engine';
import { ClusterClient } from '@guardrails-dev/plugin-guardrails-node';

/**
 * The kinds the pack's guardrails match whose resource name is not built in (custom resources): the sync names
 * them from each cluster's discovery. A kind in any group (`*`) cannot be named, so its guardrail stays flagged.
 */
export function customKinds(pack: GuardrailPack): GroupKind[] {
  const kinds = pack.guardrails
    .flatMap(g => kindsWithoutResourceNames(g))
    .filter(k => k.group !== '*');
  return [...new Map(kinds.map(k => [resourceKey(k), k])).values()];
}

/**
 * Resource names standing for the ones each cluster's discovery gives, to tell which guardrails admission can
 * enforce before any cluster is asked.
 */
export function namedPerCluster(kinds: GroupKind[]): Record<string, string> {
  return Object.fromEntries(
    kinds.map(k => [resourceKey(k), 'named-per-cluster']),
  );
}

/** The plurals of the kinds a cluster serves, keyed as the export's `resourceNames`. */
export async function discoveredResourceNames(
  client: ClusterClient,
  kinds: GroupKind[],
): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const kind of kinds) {
    const served = await client.servedKind(kind.group, kind.kind);
    if (served) names[resourceKey(kind)] = served.plural;
  }
  return names;
}

/** How the export's `resourceNames` key a kind of a group. */
function resourceKey({ group, kind }: GroupKind): string {
  return group === '' ? kind : `${kind}.${group}`;
}
