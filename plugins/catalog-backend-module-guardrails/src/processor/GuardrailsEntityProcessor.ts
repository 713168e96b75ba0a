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
import { ComplianceSnapshot } from './types';
import { mappingAnnotationProblems } from './mappingAnnotations';

const LABEL_COMPLIANCE = 'guardrails.dev/compliance';
const LABEL_ENFORCEMENT = 'guardrails.dev/enforcement-level';
const LABEL_ROLLOUT = 'guardrails.dev/rollout-stage';
const ANNOTATION_VIOLATIONS = 'guardrails.dev/violations';
const ANNOTATION_WARNINGS = 'guardrails.dev/warnings';
const ANNOTATION_EVALUATED_AT = 'guardrails.dev/evaluated-at';

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
      [LABEL_COMPLIANCE]: status?.compliance ?? 'unknown',
      [LABEL_ENFORCEMENT]: status?.enforcementLevel ?? 'none',
    };
    if (status?.rolloutStage) {
      labels[LABEL_ROLLOUT] = status.rolloutStage;
    }
    const annotations: Record<string, string> = { ...entity.metadata.annotations };
    if (status) {
      annotations[ANNOTATION_VIOLATIONS] = String(status.violations);
      annotations[ANNOTATION_WARNINGS] = String(status.warnings);
      if (status.evaluatedAt) {
        annotations[ANNOTATION_EVALUATED_AT] = status.evaluatedAt;
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
