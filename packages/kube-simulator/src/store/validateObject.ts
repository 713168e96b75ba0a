import { checkPolicyObject } from '../admission/checkPolicyObject';
import { checkCrdObject } from '../crd/customResourceType';
import { validateCustomResource } from '../crd/customResourceSchema';
import { ResourceType } from '../api/resources';
import { StatusCause } from '../api/status';
import { matchesLabels, selectorFromObject } from '../query/labelSelector';
import {
  labelValueProblems,
  nameProblems,
  qualifiedKeyProblems,
} from './names';
import { isPlainObject, JsonObject, KubeObject } from './objects';

const invalidValue = (
  field: string,
  value: unknown,
  problem: string,
): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${JSON.stringify(value)}: ${problem}`,
  field,
});

const required = (field: string, what = ''): StatusCause => ({
  reason: 'FieldValueRequired',
  message: `Required value${what ? `: ${what}` : ''}`,
  field,
});

function stringMap(
  value: unknown,
  field: string,
  checkValue: ((v: string) => string[]) | undefined,
  causes: StatusCause[],
): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) {
    causes.push(
      invalidValue(
        field,
        value,
        'must be a map of string keys to string values',
      ),
    );
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    for (const p of qualifiedKeyProblems(k))
      causes.push(invalidValue(field, k, p));
    if (typeof v !== 'string')
      causes.push(invalidValue(`${field}.${k}`, v, 'must be a string'));
    else
      for (const p of checkValue?.(v) ?? [])
        causes.push(invalidValue(`${field}`, v, p));
  }
}

function validatePodSpec(
  spec: unknown,
  field: string,
  causes: StatusCause[],
): void {
  const containers = isPlainObject(spec) ? spec.containers : undefined;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(required(`${field}.containers`));
    return;
  }
  containers.forEach((c, i) => {
    const at = `${field}.containers[${i}]`;
    if (!isPlainObject(c)) {
      causes.push(invalidValue(at, c, 'must be an object'));
      return;
    }
    if (typeof c.name !== 'string' || c.name === '')
      causes.push(required(`${at}.name`));
    else
      for (const p of nameProblems(c.name, 'dns1123-label'))
        causes.push(invalidValue(`${at}.name`, c.name, p));
    if (typeof c.image !== 'string' || c.image.trim() === '')
      causes.push(required(`${at}.image`));
  });
}

function child(obj: unknown, ...path: string[]): unknown {
  let current = obj;
  for (const p of path)
    current = isPlainObject(current) ? current[p] : undefined;
  return current;
}

/** Workloads whose selector must match their pod template labels. */
const SELECTOR_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'];

function validateWorkload(
  rt: ResourceType,
  obj: JsonObject,
  causes: StatusCause[],
): void {
  if (rt.kind === 'Pod') validatePodSpec(obj.spec, 'spec', causes);
  if (rt.kind === 'Job')
    validatePodSpec(
      child(obj, 'spec', 'template', 'spec'),
      'spec.template.spec',
      causes,
    );
  if (rt.kind === 'CronJob') {
    if (typeof child(obj, 'spec', 'schedule') !== 'string')
      causes.push(required('spec.schedule'));
    validatePodSpec(
      child(obj, 'spec', 'jobTemplate', 'spec', 'template', 'spec'),
      'spec.jobTemplate.spec.template.spec',
      causes,
    );
  }
  if (!SELECTOR_KINDS.includes(rt.kind)) return;
  validatePodSpec(
    child(obj, 'spec', 'template', 'spec'),
    'spec.template.spec',
    causes,
  );
  const selectorValue = child(obj, 'spec', 'selector');
  if (selectorValue === undefined) {
    causes.push(required('spec.selector'));
    return;
  }
  const { selector, problems } = selectorFromObject(selectorValue);
  for (const p of problems)
    causes.push(invalidValue('spec.selector', selectorValue, p));
  if (!selector) return;
  if (selector.length === 0) {
    causes.push(
      invalidValue(
        'spec.selector',
        selectorValue,
        `empty selector is invalid for ${rt.singular}`,
      ),
    );
    return;
  }
  const labels = child(obj, 'spec', 'template', 'metadata', 'labels');
  if (
    !matchesLabels(
      selector,
      isPlainObject(labels) ? (labels as Record<string, string>) : {},
    )
  ) {
    causes.push(
      invalidValue(
        'spec.template.metadata.labels',
        labels ?? {},
        '`selector` does not match template `labels`',
      ),
    );
  }
}

/** Validation the API server does before storing: names, labels, annotations and workload basics. */
export function validateObject(
  rt: ResourceType,
  obj: KubeObject,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const { name, namespace, labels, annotations } = obj.metadata;
  if (!name)
    causes.push(required('metadata.name', 'name or generateName is required'));
  else
    for (const p of nameProblems(name, rt.nameRule))
      causes.push(invalidValue('metadata.name', name, p));
  if (rt.namespaced) {
    if (!namespace) causes.push(required('metadata.namespace'));
    else
      for (const p of nameProblems(namespace, 'dns1123-label'))
        causes.push(invalidValue('metadata.namespace', namespace, p));
  }
  stringMap(labels, 'metadata.labels', labelValueProblems, causes);
  stringMap(annotations, 'metadata.annotations', undefined, causes);
  validateWorkload(rt, obj, causes);
  causes.push(...checkPolicyObject(rt, obj));
  if (
    rt.group === 'apiextensions.k8s.io' &&
    rt.kind === 'CustomResourceDefinition'
  )
    causes.push(...checkCrdObject(obj));
  if (rt.definition?.schema)
    causes.push(...validateCustomResource(rt.definition.schema, obj));
  return causes;
}
