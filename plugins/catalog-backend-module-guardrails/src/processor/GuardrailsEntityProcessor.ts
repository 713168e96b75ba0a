import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
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
 * Puts each component's guardrail status on the entity as labels and annotations, from an in-memory snapshot.
 *
 * @public
 */
export class GuardrailsEntityProcessor implements CatalogProcessor {
  private readonly snapshot: ComplianceSnapshot;

  constructor(options: { snapshot: ComplianceSnapshot; logger: LoggerService }) {
    this.snapshot = options.snapshot;
  }

  getProcessorName(): string {
    return 'GuardrailsEntityProcessor';
  }

  async preProcessEntity(
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
    const labels: Record<string, string> = {
      ...entity.metadata.labels,
      // Without audit data the entity is unknown; it is never shown as compliant.
      [GUARDRAILS_COMPLIANCE_LABEL]: status?.compliance ?? 'unknown',
      [GUARDRAILS_ENFORCEMENT_LEVEL_LABEL]: status?.enforcementLevel ?? 'none',
    };
    if (status?.rolloutStage) {
      labels[GUARDRAILS_ROLLOUT_STAGE_LABEL] = status.rolloutStage;
    }
    const annotations: Record<string, string> = { ...entity.metadata.annotations };
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
}

function appliesTo(entity: Entity): boolean {
  if (entity.kind === 'Component') {
    return true;
  }
  return (
    entity.kind === 'Resource' &&
    (entity.spec as { type?: unknown } | undefined)?.type === 'kubernetes-namespace'
  );
}
