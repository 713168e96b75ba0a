import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { KUBERNETES_NAMESPACE_RESOURCE_TYPE } from '@guardrails-dev/plugin-guardrails-common';
import { ComplianceSnapshot } from './types';
import { mappingAnnotationProblems } from './mappingAnnotations';
import { statusFields, UNKNOWN_STATUS } from './statusFields';

/**
 * Puts each component's guardrail status on the entity as labels and annotations, from an in-memory snapshot, and
 * relates each namespace Resource in the catalog to the components the suite provisioned it for
 * (`dependsOn`/`dependencyOf`).
 *
 * The relations are emitted while the Resource is processed, never while the component is: the summary lists the
 * namespaces the audit found in the clusters, registered in the catalog or not, and the processor cannot ask the
 * catalog about each one. A Resource being processed is one the catalog has, so no component gets a relation to a
 * missing entity, and the relations go when the Resource goes.
 *
 * @public
 */
export class GuardrailsEntityProcessor implements CatalogProcessor {
  private readonly snapshot: ComplianceSnapshot;
  private readonly logger: LoggerService;

  constructor(options: {
    snapshot: ComplianceSnapshot;
    logger: LoggerService;
  }) {
    this.snapshot = options.snapshot;
    this.logger = options.logger;
  }

  getProcessorName(): string {
    return 'GuardrailsEntityProcessor';
  }

  /**
   * Everything happens in this one step, from one snapshot lookup: the catalog runs every step of every processor on
   * every entity, so a second step would cost each of them again. It is the post-processing step, after the
   * catalog's entity policies and validation: what it adds is the suite's own status, not the team's input.
   *
   * The output depends on the summary's status alone, and the summary keeps the time of the audit that found a
   * status, so a later audit that finds the same status leaves the entity as it was: the catalog writes and
   * re-stitches only entities whose status changed.
   */
  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!appliesTo(entity)) {
      return entity;
    }
    for (const problem of mappingAnnotationProblems(entity)) {
      emit(processingResult.inputError(location, problem));
    }

    const key = entityRefKey(entity);
    const status = await this.snapshot.get(key);
    const fields = status ? statusFields(status) : UNKNOWN_STATUS;
    if (entity.kind === 'Resource') {
      const components = (await this.snapshot.provisionedFor?.(key)) ?? [];
      if (components.length > 0) {
        this.emitNamespaceRelations(entity, components, emit);
      }
    }
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        labels: { ...entity.metadata.labels, ...fields.labels },
        annotations: { ...entity.metadata.annotations, ...fields.annotations },
      },
    };
  }

  /** `dependsOn` from each component to the namespace Resource, and `dependencyOf` back. */
  private emitNamespaceRelations(
    entity: Entity,
    components: string[],
    emit: CatalogProcessorEmit,
  ): void {
    const resource: CompoundEntityRef = {
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    };
    for (const ref of components) {
      const component = this.componentRef(ref, resource);
      if (!component) {
        continue;
      }
      emit(
        processingResult.relation({
          source: component,
          type: RELATION_DEPENDS_ON,
          target: resource,
        }),
      );
      emit(
        processingResult.relation({
          source: resource,
          type: RELATION_DEPENDENCY_OF,
          target: component,
        }),
      );
    }
  }

  private componentRef(
    ref: string,
    resource: CompoundEntityRef,
  ): CompoundEntityRef | undefined {
    try {
      const { kind, namespace, name } = parseEntityRef(ref);
      return { kind, namespace, name };
    } catch (error) {
      // The summary comes from the guardrails backend, not from the entity: not the entity's input error.
      this.logger.warn(
        `Ignoring component '${ref}' of namespace ${stringifyEntityRef(
          resource,
        )} in the guardrails summary: ${error}`,
      );
      return undefined;
    }
  }
}

/**
 * The entity's ref as the summary writes it. The entity has passed the catalog's validation by now, so kind,
 * namespace and name are ASCII and lower-casing them is what `stringifyEntityRef` does, at a fraction of the cost.
 */
function entityRefKey(entity: Entity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLowerCase();
}

function appliesTo(entity: Entity): boolean {
  if (entity.kind === 'Component') {
    return true;
  }
  return (
    entity.kind === 'Resource' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      KUBERNETES_NAMESPACE_RESOURCE_TYPE
  );
}
