import { ApiError, StatusCause } from '../api/status';
import { AdmissionAttributes, BindingObject } from './types';

/** A refusal: a failed validation under `Deny`, or a configuration or evaluation error under `Fail`. */
export interface Denial {
  policy: string;
  /** Absent for errors in the policy itself. */
  binding?: BindingObject;
  message: string;
  reason?: string;
}

/** HTTP code for a validation's `reason` (`reasonToCode`); anything else is 422. */
const CODES: Record<string, number> = {
  Forbidden: 403,
  Unauthorized: 401,
  RequestEntityTooLarge: 413,
  Invalid: 422,
};

/** Go's encoding/json escapes these inside strings. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The `validation.policy.admission.k8s.io/validation_failure` audit annotation of an `Audit` failure. */
export function validationFailureAnnotation(
  policy: string,
  binding: BindingObject,
  expressionIndex: number,
  message: string,
): [string, string] {
  return [
    'validation.policy.admission.k8s.io/validation_failure',
    goJson([
      {
        message,
        policy: binding.spec.policyName ?? policy,
        binding: binding.metadata.name ?? '',
        expressionIndex,
        validationActions: binding.spec.validationActions ?? [],
      },
    ]),
  ];
}

/** `admission.NewForbidden` names the object as the request does, else by the object's name or generateName. */
function subjectName(attrs: AdmissionAttributes): string {
  if (attrs.name) return attrs.name;
  const meta = attrs.object?.metadata;
  return meta?.name || meta?.generateName || 'Unknown';
}

/**
 * The error the API server answers a denied request with: `admission.NewForbidden`'s Status for the first
 * denial (`<resource> "<name>" is forbidden: ValidatingAdmissionPolicy '…' …`) with the reason of its
 * validation (`Invalid` by default) and that reason's code, and the policy's message as the one cause.
 */
export function denialError(
  attrs: AdmissionAttributes,
  denials: Denial[],
): ApiError {
  const first = denials[0];
  const text = first.binding
    ? `ValidatingAdmissionPolicy '${first.policy}' with binding '${first.binding.metadata.name}' denied request: ${first.message}`
    : `ValidatingAdmissionPolicy '${first.policy}' denied request: ${first.message}`;
  const { rt } = attrs;
  const resource = rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
  const name = subjectName(attrs);
  const reason = first.reason || 'Invalid';
  return new ApiError(
    CODES[reason] ?? 422,
    reason,
    `${resource} "${name}" is forbidden: ${text}`,
    {
      name,
      ...(rt.group ? { group: rt.group } : {}),
      kind: rt.plural,
      causes: [{ message: text } as StatusCause],
    },
  );
}
