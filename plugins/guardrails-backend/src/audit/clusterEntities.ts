import { ResourceRef } from '@guardrails-dev/plugin-guardrails-common';
import { KubernetesManifest } from '@guardrails-dev/plugin-guardrails-engine';
import { EntityIndex, EntityMatch } from './EntityIndex';

/** The owning entity of a resource named in a result. */
export type EntityLookup = (resource: ResourceRef) => EntityMatch | undefined;

/** One cluster's objects as the entity mapping needs them. */
export interface ClusterEntities {
  /** The cluster's Namespace objects by name: objects are also mapped through their namespace. */
  namespaces: Map<string, KubernetesManifest>;
  entityFor: EntityLookup;
}

/**
 * Maps the resources that results name to catalog entities, through the objects read from the cluster: a result
 * names a resource, and the labels that map it are on the object.
 */
export function clusterEntities(
  objects: KubernetesManifest[],
  index: EntityIndex,
): ClusterEntities {
  const namespaces = new Map(
    objects
      .filter(o => o.kind === 'Namespace')
      .map(o => [o.metadata!.name!, o] as const),
  );
  const byResource = new Map(objects.map(o => [objectKey(o), o] as const));
  const entityFor: EntityLookup = resource => {
    // A resource the audit did not list (a report may name any kind) still maps through its namespace.
    const object = byResource.get(resourceKey(resource)) ?? {
      apiVersion: resource.apiVersion,
      kind: resource.kind,
      metadata: { name: resource.name, namespace: resource.namespace },
    };
    return index.match(object, namespaces);
  };
  return { namespaces, entityFor };
}

/** The entity fields of a stored result; none when no entity owns the resource. */
export function entityFields(entity: EntityMatch | undefined): {
  entityRef?: string;
  owner?: string;
} {
  return entity ? { entityRef: entity.entityRef, owner: entity.owner } : {};
}

function objectKey(o: KubernetesManifest): string {
  return key(o.apiVersion, o.kind, o.metadata?.namespace, o.metadata?.name);
}

function resourceKey(r: ResourceRef): string {
  return key(r.apiVersion, r.kind, r.namespace, r.name);
}

function key(
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name: string | undefined,
): string {
  return `${apiVersion}|${kind}|${namespace ?? ''}|${name}`;
}
