import { ResourceType } from '../api/resources';
import { StatusCause } from '../api/status';
import { qualifiedKeyProblems } from '../store/names';
import {
  cloneJson,
  isPlainObject,
  JsonObject,
  KubeObject,
} from '../store/objects';
import { checkBindingSpec } from './checkBindingSpec';
import { checkMatchResources, fieldError } from './checkMatchResources';
import { compileExpression, declaredVariables } from './compilePolicy';
import { applyPolicyDefaults, isPolicyType } from './policyDefaults';
import { PolicySpec } from './types';

const list = (value: unknown): JsonObject[] =>
  Array.isArray(value) ? value.map(v => (isPlainObject(v) ? v : {})) : [];
const text = (value: unknown): string =>
  typeof value === 'string' ? value : '';

const CEL_RESERVED = new Set(
  'true false null in as break const continue else for function if import let loop package namespace return var void while'.split(
    ' ',
  ),
);
const isCelIdentifier = (name: string) =>
  /^[_a-zA-Z][_a-zA-Z0-9]*$/.test(name) && !CEL_RESERVED.has(name);

/** Compiles an expression as the API server does on write: a compile error is an Invalid value. */
function checkExpression(
  expression: string,
  variables: string[],
  field: string,
): StatusCause[] {
  const compiled = compileExpression(expression, variables);
  if (compiled.error === undefined) return [];
  const hint = /\bauthorizer\b/.test(compiled.error)
    ? ' (kube-simulator does not provide the authorizer variable)'
    : '';
  return [fieldError.invalid(field, expression, `${compiled.error}${hint}`)];
}

function checkValidation(
  v: JsonObject,
  vars: string[],
  at: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const expression = text(v.expression);
  if (expression.trim() === '')
    causes.push(
      fieldError.required(`${at}.expression`, 'expression is not specified'),
    );
  else causes.push(...checkExpression(expression, vars, `${at}.expression`));
  const messageExpression = text(v.messageExpression);
  if (messageExpression.length > 0 && messageExpression.trim() === '')
    causes.push(
      fieldError.invalid(
        `${at}.messageExpression`,
        messageExpression,
        'must be non-empty if specified',
      ),
    );
  else if (messageExpression.trim() !== '')
    causes.push(
      ...checkExpression(messageExpression, vars, `${at}.messageExpression`),
    );
  const message = text(v.message);
  if (message.length > 0 && message.trim() === '')
    causes.push(
      fieldError.invalid(
        `${at}.message`,
        message,
        'message must be non-empty if specified',
      ),
    );
  else if (/[\n\r]/.test(message.trim()))
    causes.push(
      fieldError.invalid(
        `${at}.message`,
        message,
        'message must not contain line breaks',
      ),
    );
  const reasons = [
    'Forbidden',
    'Invalid',
    'RequestEntityTooLarge',
    'Unauthorized',
  ];
  if (v.reason !== undefined && !reasons.includes(String(v.reason)))
    causes.push(fieldError.notSupported(`${at}.reason`, v.reason, reasons));
  return causes;
}

function checkNamedExpressions(
  items: JsonObject[],
  at: string,
  nameCheck: (name: string, field: string) => StatusCause[],
  vars: string[],
): StatusCause[] {
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const name = text(item.name);
    const expression = text(item.expression);
    if (name.trim() === '')
      causes.push(fieldError.required(`${at}[${i}].name`));
    else causes.push(...nameCheck(name, `${at}[${i}].name`));
    if (name && seen.has(name))
      causes.push(fieldError.duplicate(`${at}[${i}].name`, name));
    seen.add(name);
    if (expression.trim() === '')
      causes.push(fieldError.required(`${at}[${i}].expression`));
    else
      causes.push(
        ...checkExpression(expression, vars, `${at}[${i}].expression`),
      );
  });
  return causes;
}

/** `validateValidatingAdmissionPolicySpec`, with the suite's CEL engine compiling the expressions. */
function checkPolicySpec(name: string, spec: JsonObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const vars = declaredVariables(spec as PolicySpec, 'expression');
  const conditionVars = declaredVariables(spec as PolicySpec, 'matchCondition');
  const failurePolicies = ['Fail', 'Ignore'];
  if (!failurePolicies.includes(String(spec.failurePolicy)))
    causes.push(
      fieldError.notSupported(
        'spec.failurePolicy',
        spec.failurePolicy,
        failurePolicies,
      ),
    );
  if (spec.paramKind !== undefined) {
    const kind = isPlainObject(spec.paramKind) ? spec.paramKind : {};
    if (!text(kind.apiVersion))
      causes.push(fieldError.required('spec.paramKind.apiVersion'));
    if (!text(kind.kind))
      causes.push(fieldError.required('spec.paramKind.kind'));
  }
  if (spec.matchConstraints === undefined || spec.matchConstraints === null) {
    causes.push(fieldError.required('spec.matchConstraints'));
  } else {
    causes.push(
      ...checkMatchResources(spec.matchConstraints, 'spec.matchConstraints'),
    );
    const rules = isPlainObject(spec.matchConstraints)
      ? spec.matchConstraints.resourceRules
      : undefined;
    if (!Array.isArray(rules) || rules.length === 0)
      causes.push(fieldError.required('spec.matchConstraints.resourceRules'));
  }
  const conditions = list(spec.matchConditions);
  if (conditions.length > 64)
    causes.push({
      reason: 'FieldValueTooMany',
      message: `Too many: ${conditions.length}: must have at most 64 items`,
      field: 'spec.matchConditions',
    });
  const qualified = (n: string, field: string) =>
    qualifiedKeyProblems(n).map(p => fieldError.invalid(field, n, p));
  causes.push(
    ...checkNamedExpressions(
      conditions,
      'spec.matchConditions',
      qualified,
      conditionVars,
    ),
  );
  const identifier = (n: string, field: string) =>
    isCelIdentifier(n)
      ? []
      : [fieldError.invalid(field, n, 'name is not a valid CEL identifier')];
  causes.push(
    ...checkNamedExpressions(
      list(spec.variables),
      'spec.variables',
      identifier,
      vars,
    ),
  );
  const validations = list(spec.validations);
  const annotations = list(spec.auditAnnotations);
  if (validations.length === 0 && annotations.length === 0) {
    const detail =
      'validations or auditAnnotations must contain at least one item';
    causes.push(
      fieldError.required('spec.validations', detail),
      fieldError.required('spec.auditAnnotations', detail),
    );
  }
  validations.forEach((v, i) =>
    causes.push(...checkValidation(v, vars, `spec.validations[${i}]`)),
  );
  if (annotations.length > 20)
    causes.push(
      fieldError.invalid(
        'spec.auditAnnotations',
        spec.auditAnnotations,
        'must not have more than 20 auditAnnotations',
      ),
    );
  const keys = new Set<string>();
  annotations.forEach((a, i) => {
    const at = `spec.auditAnnotations[${i}]`;
    const key = text(a.key);
    causes.push(
      ...qualifiedKeyProblems(`${name}/${key}`).map(p =>
        fieldError.invalid(`${at}.key`, `${name}/${key}`, p),
      ),
    );
    if (keys.has(key)) causes.push(fieldError.duplicate(`${at}.key`, key));
    keys.add(key);
    const value = text(a.valueExpression).trim();
    if (Buffer.byteLength(value) > 5 * 1024)
      causes.push(
        fieldError.required(
          `${at}.valueExpression`,
          'must not exceed 5120 bytes in length',
        ),
      );
    else if (value === '')
      causes.push(
        fieldError.required(
          `${at}.valueExpression`,
          'valueExpression is not specified',
        ),
      );
    else causes.push(...checkExpression(value, vars, `${at}.valueExpression`));
  });
  return causes;
}

/**
 * What the API server checks when a ValidatingAdmissionPolicy or binding is written, on the object as it
 * will be defaulted: required fields, allowed values, and that every CEL expression compiles.
 */
export function checkPolicyObject(
  rt: ResourceType,
  obj: KubeObject,
): StatusCause[] {
  const which = isPolicyType(rt);
  if (!which) return [];
  const defaulted = cloneJson(obj);
  if (!isPlainObject(defaulted.spec)) defaulted.spec = {};
  applyPolicyDefaults(rt, defaulted);
  const spec = defaulted.spec as JsonObject;
  return which === 'policy'
    ? checkPolicySpec(obj.metadata.name ?? '', spec)
    : checkBindingSpec(spec);
}
