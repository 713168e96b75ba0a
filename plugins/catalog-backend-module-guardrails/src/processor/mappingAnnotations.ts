import { Entity } from '@backstage/catalog-model';

const KUBERNETES_ID = 'backstage.io/kubernetes-id';
const KUBERNETES_NAMESPACE = 'backstage.io/kubernetes-namespace';
const KUBERNETES_LABEL_SELECTOR = 'backstage.io/kubernetes-label-selector';

// Kubernetes label value and namespace name rules: what a malformed mapping would silently fail to match.
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SELECTOR_TERM =
  /^\s*(!?\s*[^\s=!,()]+|[^\s=!,()]+\s*(==|=|!=)\s*[^\s=!,()]*|[^\s=!,()]+\s+(in|notin)\s+\(\s*[^()]*\))\s*$/;

/** Problems with the annotations that map an entity to Kubernetes objects, each naming the annotation. */
export function mappingAnnotationProblems(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const problems: string[] = [];
  const id = annotations[KUBERNETES_ID];
  if (id !== undefined && (id.length > 63 || id === '' || !LABEL_VALUE.test(id))) {
    problems.push(
      `Annotation ${KUBERNETES_ID} of ${entity.metadata.name} must be a Kubernetes label value (at most 63 characters, alphanumeric, '-', '_' or '.'); got '${id}'`,
    );
  }
  const namespace = annotations[KUBERNETES_NAMESPACE];
  if (
    namespace !== undefined &&
    (namespace.length > 63 || !DNS_LABEL.test(namespace))
  ) {
    problems.push(
      `Annotation ${KUBERNETES_NAMESPACE} of ${entity.metadata.name} must be a namespace name (RFC 1123 label); got '${namespace}'`,
    );
  }
  const selector = annotations[KUBERNETES_LABEL_SELECTOR];
  if (selector !== undefined && !isLabelSelector(selector)) {
    problems.push(
      `Annotation ${KUBERNETES_LABEL_SELECTOR} of ${entity.metadata.name} is not a valid label selector; got '${selector}'`,
    );
  }
  return problems;
}

function isLabelSelector(selector: string): boolean {
  if (selector.trim() === '') {
    return false;
  }
  // Split on commas outside parentheses: set-based terms contain commas of their own.
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) return false;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) return false;
  terms.push(current);
  return terms.every(term => {
    if (!SELECTOR_TERM.test(term)) return false;
    const key = term.trim().replace(/^!\s*/, '').split(/\s*(==|=|!=|\s+in\s+|\s+notin\s+)/)[0];
    return LABEL_KEY.test(key);
  });
}
