import { createHash } from 'node:crypto';

/** What a replica knows at a tick, counted over the clusters it is configured with. */
export interface ShareInput {
  clusterCount: number;
  /** Live replicas, this one included. */
  liveReplicas: number;
  /** Clusters this replica holds. */
  held: number;
  /** Clusters held by each other live replica. */
  othersHeld: number[];
  /** Clusters nobody holds. */
  free: number;
}

/** How many of its clusters a replica keeps (releasing the rest), and up to how many it may hold after acquiring. */
export interface Share {
  keep: number;
  limit: number;
}

/**
 * The fair share of a replica: at most ceil(clusters / replicas). While another live replica holds fewer than
 * floor(clusters / replicas) and the free clusters do not make up for it, replicas above the floor release the
 * difference, and nobody takes more than the floor meanwhile; with the ceiling alone, 4 clusters on 3 replicas could
 * settle as 2/2/0.
 */
export function fairShare(input: ShareInput): Share {
  const replicas = Math.max(1, input.liveReplicas);
  const ceiling = Math.ceil(input.clusterCount / replicas);
  const floor = Math.floor(input.clusterCount / replicas);
  const deficit = input.othersHeld.reduce(
    (sum, held) => sum + Math.max(0, floor - held),
    0,
  );
  if (deficit === 0) {
    return { keep: Math.min(input.held, ceiling), limit: ceiling };
  }
  const uncovered = Math.max(0, deficit - input.free);
  const surplus = Math.max(0, input.held - floor);
  return {
    keep: Math.min(input.held - Math.min(surplus, uncovered), ceiling),
    limit: floor,
  };
}

/**
 * `items` rotated to start at a point fixed by the replica id, so replicas starting together try different free
 * clusters first instead of all contending for the first one.
 */
export function rotateFor<T>(items: readonly T[], replicaId: string): T[] {
  if (items.length === 0) {
    return [];
  }
  const start =
    createHash('sha256').update(replicaId).digest().readUInt32BE(0) %
    items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}
