import {
  CommonValidatorFunctions,
  KubernetesValidatorFunctions,
} from '@backstage/catalog-model';

const GUARDRAIL_ID =
  /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/;
const MAX_GUARDRAIL_ID = 120;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Variable names starting with this are used by the admission export. */
export const RESERVED_VARIABLE_PREFIX = 'guardrails';

/**
 * Whether `id` is a valid guardrail ID: lowercase words of letters, digits and
 * single dashes, joined by dots, at least two of them (`pod.no-privileged`),
 * at most 120 characters.
 * @public
 */
export function isValidGuardrailId(id: string): boolean {
  return id.length <= MAX_GUARDRAIL_ID && GUARDRAIL_ID.test(id);
}

export const guardrailIdPattern = {
  test: isValidGuardrailId,
  description:
    'a guardrail ID (lowercase dotted words like pod.no-privileged, at most 120 characters)',
};

/** Environment names become label values and object names, so they are DNS labels. */
export const environmentNamePattern = {
  test: (name: string) => CommonValidatorFunctions.isValidDnsLabel(name),
  description:
    'an environment name (lowercase letters, digits and dashes, at most 63 characters)',
};

export const namespaceNamePattern = {
  test: (name: string) => KubernetesValidatorFunctions.isValidNamespace(name),
  description: 'a namespace name',
};

export const objectNamePattern = {
  test: (name: string) => CommonValidatorFunctions.isValidDnsSubdomain(name),
  description:
    'a Kubernetes object name (lowercase letters, digits, dashes and dots)',
};

export function isValidVariableName(name: string): boolean {
  return VARIABLE_NAME.test(name);
}
