import { StatusCause } from '../api/status';
import { selectorFromObject } from '../query/labelSelector';
import { nameProblems } from '../store/names';
import { isPlainObject } from '../store/objects';

/** Causes worded as Kubernetes' `field.Error`s. */
export const fieldError = {
  required: (field: string, detail = ''): StatusCause => ({
    reason: 'FieldValueRequired',
    message: detail ? `Required value: ${detail}` : 'Required value',
    field,
  }),
  invalid: (field: string, value: unknown, detail: string): StatusCause => ({
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
    field,
  }),
  notSupported: (
    field: string,
    value: unknown,
    supported: string[],
  ): StatusCause => ({
    reason: 'FieldValueNotSupported',
    message: `Unsupported value: ${JSON.stringify(
      value,
    )}: supported values: ${supported.map(s => `"${s}"`).join(', ')}`,
    field,
  }),
  duplicate: (field: string, value: unknown): StatusCause => ({
    reason: 'FieldValueDuplicate',
    message: `Duplicate value: ${JSON.stringify(value)}`,
    field,
  }),
  forbidden: (field: string, detail: string): StatusCause => ({
    reason: 'FieldValueForbidden',
    message: `Forbidden: ${detail}`,
    field,
  }),
};

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function checkSelector(value: unknown, field: string): StatusCause[] {
  if (value === undefined || value === null)
    return [fieldError.required(field)];
  const { problems } = selectorFromObject(value);
  return problems.map(p => fieldError.invalid(field, value, p));
}

function checkWildcardList(
  values: unknown[],
  field: string,
  what: string,
): StatusCause[] {
  if (values.length === 0) return [fieldError.required(field)];
  if (values.length > 1 && values.includes('*'))
    return [
      fieldError.invalid(
        field,
        values,
        `if '*' is present, must not specify other ${what}`,
      ),
    ];
  return [];
}

const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];

/** `validateNamedRuleWithOperations`: operations, groups, versions, resources, scope and resource names. */
function checkRule(rule: unknown, at: string): StatusCause[] {
  if (!isPlainObject(rule))
    return [fieldError.invalid(at, rule, 'must be an object')];
  const causes: StatusCause[] = [];
  const operations = list(rule.operations);
  causes.push(
    ...checkWildcardList(operations, `${at}.operations`, 'operations'),
  );
  operations.forEach((op, i) => {
    if (!OPERATIONS.includes(String(op)))
      causes.push(
        fieldError.notSupported(`${at}.operations[${i}]`, op, OPERATIONS),
      );
  });
  causes.push(
    ...checkWildcardList(list(rule.apiGroups), `${at}.apiGroups`, 'API groups'),
  );
  const versions = list(rule.apiVersions);
  causes.push(
    ...checkWildcardList(versions, `${at}.apiVersions`, 'API versions'),
  );
  versions.forEach((v, i) => {
    if (v === '') causes.push(fieldError.required(`${at}.apiVersions[${i}]`));
  });
  const resources = list(rule.resources);
  if (resources.length === 0)
    causes.push(fieldError.required(`${at}.resources`));
  resources.forEach((r, i) => {
    if (r === '') causes.push(fieldError.required(`${at}.resources[${i}]`));
  });
  if (rule.scope !== undefined && !SCOPES.includes(String(rule.scope)))
    causes.push(fieldError.notSupported(`${at}.scope`, rule.scope, SCOPES));
  const seen = new Set<string>();
  list(rule.resourceNames).forEach((name, i) => {
    const field = `${at}.resourceNames[${i}]`;
    for (const p of nameProblems(String(name), 'path-segment'))
      causes.push(fieldError.invalid(field, name, p));
    if (seen.has(String(name))) causes.push(fieldError.duplicate(field, name));
    seen.add(String(name));
  });
  return causes;
}

/** `validateMatchResources` (after defaulting): match policy, both selectors, included and excluded rules. */
export function checkMatchResources(value: unknown, at: string): StatusCause[] {
  if (!isPlainObject(value))
    return [fieldError.invalid(at, value, 'must be an object')];
  const causes: StatusCause[] = [];
  const policies = ['Equivalent', 'Exact'];
  if (value.matchPolicy === undefined || value.matchPolicy === null)
    causes.push(fieldError.required(`${at}.matchPolicy`));
  else if (!policies.includes(String(value.matchPolicy)))
    causes.push(
      fieldError.notSupported(`${at}.matchPolicy`, value.matchPolicy, policies),
    );
  causes.push(
    ...checkSelector(value.namespaceSelector, `${at}.namespaceSelector`),
  );
  causes.push(...checkSelector(value.objectSelector, `${at}.objectSelector`));
  list(value.resourceRules).forEach((r, i) =>
    causes.push(...checkRule(r, `${at}.resourceRules[${i}]`)),
  );
  list(value.excludeResourceRules).forEach((r, i) =>
    causes.push(...checkRule(r, `${at}.excludeResourceRules[${i}]`)),
  );
  return causes;
}

const ACTIONS = ['Audit', 'Deny', 'Warn'];

/** `validateValidationActions`: known, unique, not both Deny and Warn, at least one. */
export function checkValidationActions(
  value: unknown,
  at: string,
): StatusCause[] {
  const actions = list(value);
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  actions.forEach((action, i) => {
    if (!ACTIONS.includes(String(action)))
      causes.push(fieldError.notSupported(`${at}[${i}]`, action, ACTIONS));
    if (seen.has(String(action)))
      causes.push(fieldError.duplicate(`${at}[${i}]`, action));
    seen.add(String(action));
  });
  if (seen.has('Deny') && seen.has('Warn'))
    causes.push(
      fieldError.invalid(
        at,
        actions,
        'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
      ),
    );
  if (seen.size === 0)
    causes.push(
      fieldError.required(at, 'at least one validation action is required'),
    );
  return causes;
}
