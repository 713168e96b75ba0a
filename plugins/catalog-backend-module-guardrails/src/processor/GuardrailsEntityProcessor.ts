import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
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
import {
  GUARDRAILS_COMPLIANCE_LABEL,
  GUARDRAILS_ENFORCEMENT_LEVEL_LABEL,
  GUARDRAILS_ERROR_COUNT_ANNOTATION,
  GUARDRAILS_EVALUATED_AT_ANNOTATION,
  GUARDRAILS_FAIL_COUNT_ANNOTATION,
  GUARDRAILS_ROLLOUT_STAGE_LABEL,
  GUARDRAILS_WARN_COUNT_ANNOTATION,
} from '@guardrails-dev/plugin-guardrails-common';
import { ComplianceSnapshot } from './types';
import { mappingAnnotationProblems } from './mappingAnnotations';

/**
 * Puts each component's guardrail status on the entity as labels and annotations, from an in-memory snapshot, and
 * relates each component to the namespace Resources the suite provisioned for it (`dependsOn`/`dependencyOf`).
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
   * catalog's entity policies and validation: what it adds is the suite's own status, not the team's input, so it
   * is not validated again on every pass (measured: a tenth of the module's cost); the one value that comes from
   * configuration, the rollout stage, is checked here instead.
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

    const status = await this.snapshot.get(stringifyEntityRef(entity));
    if (entity.kind === 'Component' && status?.namespaces?.length) {
      this.emitNamespaceRelations(entity, status.namespaces, emit);
    }
    const labels: Record<string, string> = {
      ...entity.metadata.labels,
      // Without audit data the entity is unknown; it is never shown as compliant.
      [GUARDRAILS_COMPLIANCE_LABEL]: status?.compliance ?? 'unknown',
      [GUARDRAILS_ENFORCEMENT_LEVEL_LABEL]: status?.enforcementLevel ?? 'none',
    };
    if (status?.rolloutStage && isLabelValue(status.rolloutStage)) {
      labels[GUARDRAILS_ROLLOUT_STAGE_LABEL] = status.rolloutStage;
    }
    const annotations: Record<string, string> = {
      ...entity.metadata.annotations,
    };
    if (status) {
      annotations[GUARDRAILS_FAIL_COUNT_ANNOTATION] = String(status.violations);
      annotations[GUARDRAILS_WARN_COUNT_ANNOTATION] = String(status.warnings);
      annotations[GUARDRAILS_ERROR_COUNT_ANNOTATION] = String(status.errors);
      if (status.evaluatedAt) {
        annotations[GUARDRAILS_EVALUATED_AT_ANNOTATION] = status.evaluatedAt;
      }
    }
    return { ...entity, metadata: { ...entity.metadata, labels, annotations } };
  }

  /** `dependsOn` from the component to each namespace Resource provisioned for it, and `dependencyOf` back. */
  private emitNamespaceRelations(
    entity: Entity,
    namespaces: string[],
    emit: CatalogProcessorEmit,
  ): void {
    const component = getCompoundEntityRef(entity);
    for (const ref of namespaces) {
      const resource = this.resourceRef(ref, component);
      if (!resource) {
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

  private resourceRef(
    ref: string,
    component: CompoundEntityRef,
  ): CompoundEntityRef | undefined {
    try {
      const { kind, namespace, name } = parseEntityRef(ref, {
        defaultKind: 'Resource',
        defaultNamespace: component.namespace,
      });
      return { kind, namespace, name };
    } catch (error) {
      // The summary comes from the guardrails backend, not from the entity: not the entity's input error.
      this.logger.warn(
        `Ignoring namespace '${ref}' of ${stringifyEntityRef(
          component,
        )} in the guardrails summary: ${error}`,
      );
      return undefined;
    }
  }
}

// The catalog's rule for label values (FieldFormatEntityPolicy): what a filter on the label can match.
const LABEL_VALUE = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?$/;

function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

function appliesTo(entity: Entity): boolean {
  if (entity.kind === 'Component') {
    return true;
  }
  return (
    entity.kind === 'Resource' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      'kubernetes-namespace'
  );
}
