import { Entity, KubernetesValidatorFunctions } from '@backstage/catalog-model';
import {
  BACKSTAGE_KUBERNETES_ID_LABEL as KUBERNETES_ID,
  BACKSTAGE_KUBERNETES_LABEL_SELECTOR_ANNOTATION as KUBERNETES_LABEL_SELECTOR,
  BACKSTAGE_KUBERNETES_NAMESPACE_ANNOTATION as KUBERNETES_NAMESPACE,
  parseLabelSelectorString,
} from '@guardrails-dev/plugin-guardrails-common';

// Kubernetes' label value and namespace name rules: a mapping that breaks them would silently match nothing.
const { isValidLabelValue, isValidNamespace } = KubernetesValidatorFunctions;

/** Problems with the annotations that map an entity to Kubernetes objects, each naming the annotation. */
export function mappingAnnotationProblems(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const problems: string[] = [];
  const id = annotations[KUBERNETES_ID];
  if (id !== undefined && (id === '' || !isValidLabelValue(id))) {
    problems.push(
      `Annotation ${KUBERNETES_ID} of ${entity.metadata.name} must be a Kubernetes label value (at most 63 characters, alphanumeric, '-', '_' or '.'); got '${id}'`,
    );
  }
  const namespace = annotations[KUBERNETES_NAMESPACE];
  if (namespace !== undefined && !isValidNamespace(namespace)) {
    problems.push(
      `Annotation ${KUBERNETES_NAMESPACE} of ${entity.metadata.name} must be a namespace name (RFC 1123 label); got '${namespace}'`,
    );
  }
  const selector = annotations[KUBERNETES_LABEL_SELECTOR];
  if (selector !== undefined && !parseLabelSelectorString(selector)) {
    problems.push(
      `Annotation ${KUBERNETES_LABEL_SELECTOR} of ${entity.metadata.name} is not a valid label selector; got '${selector}'`,
    );
  }
  return problems;
}
