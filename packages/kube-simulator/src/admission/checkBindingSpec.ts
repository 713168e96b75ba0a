import { StatusCause } from '../api/status';
import { nameProblems } from '../store/names';
import { isPlainObject, JsonObject } from '../store/objects';
import {
  checkMatchResources,
  checkValidationActions,
  fieldError,
} from './checkMatchResources';

const text = (value: unknown): string =>
  typeof value === 'string' ? value : '';

/** `validateValidatingAdmissionPolicyBindingSpec` (the API server spells the match field `matchResouces`). */
export function checkBindingSpec(spec: JsonObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const policyName = text(spec.policyName);
  if (!policyName) causes.push(fieldError.required('spec.policyName'));
  else
    for (const p of nameProblems(policyName, 'dns1123-subdomain'))
      causes.push(fieldError.invalid('spec.policyName', policyName, p));
  if (spec.paramRef !== undefined && spec.paramRef !== null) {
    const ref = isPlainObject(spec.paramRef) ? spec.paramRef : {};
    if (ref.name && ref.selector)
      causes.push(
        fieldError.forbidden(
          'spec.paramRef.name',
          'name and selector are mutually exclusive',
        ),
      );
    if (!ref.name && !ref.selector)
      causes.push(
        fieldError.required(
          'spec.paramRef',
          'one of name or selector must be specified',
        ),
      );
    const actions = ['Deny', 'Allow'];
    if (!ref.parameterNotFoundAction)
      causes.push(fieldError.required('spec.paramRef.parameterNotFoundAction'));
    else if (!actions.includes(String(ref.parameterNotFoundAction)))
      causes.push(
        fieldError.notSupported(
          'spec.paramRef.parameterNotFoundAction',
          ref.parameterNotFoundAction,
          actions,
        ),
      );
  }
  if (spec.matchResources !== undefined && spec.matchResources !== null)
    causes.push(
      ...checkMatchResources(spec.matchResources, 'spec.matchResouces'),
    );
  causes.push(
    ...checkValidationActions(spec.validationActions, 'spec.validationActions'),
  );
  return causes;
}
