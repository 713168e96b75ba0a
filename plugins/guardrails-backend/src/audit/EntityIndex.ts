import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  BACKSTAGE_KUBERNETES_ID_LABEL,
  BACKSTAGE_KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  BACKSTAGE_KUBERNETES_NAMESPACE_ANNOTATION,
  GUARDRAILS_ENTITY_REF_ANNOTATION,
  LabelSelector,
  normalizeEntityRef,
  parseLabelSelectorString,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  KubernetesManifest,
  labelSelectorMatches,
} from '@guardrails-dev/plugin-guardrails-engine';

/** The owning catalog entity of a Kubernetes object. */
export interface EntityMatch {
  entityRef: string;
  owner?: string;
}

interface MappedEntity extends EntityMatch {
  namespace?: string;
}

/**
 * Maps Kubernetes objects to catalog entities the way the Kubernetes plugin does, built once per audit from one
 * catalog read: `backstage.io/kubernetes-id` (label on the object, or on its namespace),
 * `backstage.io/kubernetes-label-selector`, `backstage.io/kubernetes-namespace`, and namespaces the suite
 * provisioned (`guardrails.dev/entity-ref`). Lookups are map hits, so the cost does not grow with entities.
 */
export class EntityIndex {
  private readonly byId = new Map<string, MappedEntity[]>();
  private readonly bySelector: Array<
    MappedEntity & { selector: LabelSelector }
  > = [];
  private readonly byNamespaceOnly = new Map<string, MappedEntity>();
  private readonly owners = new Map<string, string | undefined>();

  constructor(entities: Entity[]) {
    // Components first: a namespace Resource that provisioning registered carries its component's
    // kubernetes-id (for the Kubernetes plugin), and must not take the component's workloads' results.
    const ordered = [
      ...entities.filter(
        e => e.kind.toLocaleLowerCase('en-US') === 'component',
      ),
      ...entities.filter(
        e => e.kind.toLocaleLowerCase('en-US') !== 'component',
      ),
    ];
    for (const entity of ordered) {
      const annotations = entity.metadata.annotations ?? {};
      const entityRef = stringifyEntityRef(entity);
      const owner = ownerOf(entity);
      this.owners.set(entityRef, owner);
      const namespace =
        annotations[BACKSTAGE_KUBERNETES_NAMESPACE_ANNOTATION] || undefined;
      const mapped: MappedEntity = { entityRef, owner, namespace };
      const id = annotations[BACKSTAGE_KUBERNETES_ID_LABEL];
      const selectorText =
        annotations[BACKSTAGE_KUBERNETES_LABEL_SELECTOR_ANNOTATION];
      if (id) {
        const list = this.byId.get(id) ?? [];
        list.push(mapped);
        this.byId.set(id, list);
      }
      if (selectorText) {
        const selector = parseLabelSelectorString(selectorText);
        // A malformed selector is reported by the catalog processor; here it simply maps nothing.
        if (selector) this.bySelector.push({ ...mapped, selector });
      }
      if (
        !id &&
        !selectorText &&
        namespace &&
        !this.byNamespaceOnly.has(namespace)
      ) {
        this.byNamespaceOnly.set(namespace, mapped);
      }
    }
  }

  /** The owner (spec.owner) of a known entity. */
  ownerOf(entityRef: string): string | undefined {
    return this.owners.get(entityRef);
  }

  /** The entity an object belongs to, given the namespace objects of its cluster. */
  match(
    object: KubernetesManifest,
    namespaces: ReadonlyMap<string, KubernetesManifest>,
  ): EntityMatch | undefined {
    const labels = object.metadata?.labels ?? {};
    const objectNamespace =
      object.kind === 'Namespace'
        ? object.metadata?.name
        : object.metadata?.namespace;

    const byLabel = this.fromId(
      labels[BACKSTAGE_KUBERNETES_ID_LABEL],
      objectNamespace,
    );
    if (byLabel) return byLabel;
    for (const candidate of this.bySelector) {
      if (
        (!candidate.namespace || candidate.namespace === objectNamespace) &&
        labelSelectorMatches(candidate.selector, labels)
      ) {
        return strip(candidate);
      }
    }
    if (!objectNamespace) return undefined;
    const namespaceObject = namespaces.get(objectNamespace);
    const namespaceLabels = namespaceObject?.metadata?.labels ?? {};
    const byNamespaceLabel = this.fromId(
      namespaceLabels[BACKSTAGE_KUBERNETES_ID_LABEL],
      objectNamespace,
    );
    if (byNamespaceLabel) return byNamespaceLabel;
    const provisionedFor = normalizeEntityRef(
      namespaceObject?.metadata?.annotations?.[
        GUARDRAILS_ENTITY_REF_ANNOTATION
      ] ?? '',
    );
    if (provisionedFor) {
      return {
        entityRef: provisionedFor,
        owner: this.owners.get(provisionedFor),
      };
    }
    const namespaceOnly = this.byNamespaceOnly.get(objectNamespace);
    return namespaceOnly ? strip(namespaceOnly) : undefined;
  }

  private fromId(
    id: string | undefined,
    namespace: string | undefined,
  ): EntityMatch | undefined {
    if (!id) return undefined;
    const candidates = this.byId.get(id);
    const found = candidates?.find(
      c => !c.namespace || c.namespace === namespace,
    );
    return found ? strip(found) : undefined;
  }
}

function strip({ entityRef, owner }: MappedEntity): EntityMatch {
  return { entityRef, owner };
}

/**
 * What of the entities the index reads, as one text: equal texts map every object alike. The catalog module's own
 * status annotations change with every label and are left out, so that a label change does not re-map anything.
 */
export function mappingFingerprint(entities: Entity[]): string {
  return JSON.stringify(
    entities
      .map(entity => {
        const annotations = entity.metadata.annotations ?? {};
        return JSON.stringify([
          stringifyEntityRef(entity),
          ownerOf(entity) ?? null,
          annotations[BACKSTAGE_KUBERNETES_ID_LABEL] ?? null,
          annotations[BACKSTAGE_KUBERNETES_LABEL_SELECTOR_ANNOTATION] ?? null,
          annotations[BACKSTAGE_KUBERNETES_NAMESPACE_ANNOTATION] ?? null,
        ]);
      })
      .sort(),
  );
}

function ownerOf(entity: Entity): string | undefined {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string') return undefined;
  return normalizeEntityRef(owner.includes(':') ? owner : `group:${owner}`);
}
