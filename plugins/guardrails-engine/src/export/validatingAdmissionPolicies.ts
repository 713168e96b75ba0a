import { isPodRule } from '../evaluation/matching';
import {
  EnforcementLevel,
  Guardrail,
  GuardrailPack,
  GUARDRAILS_CATEGORY_ANNOTATION,
  GUARDRAILS_ENFORCEMENT_LEVEL_LABEL,
  GUARDRAILS_ENVIRONMENT_LABEL,
  GUARDRAILS_GUARDRAIL_ID_ANNOTATION,
  GUARDRAILS_MANAGED_BY_VALUE,
  GUARDRAILS_SEVERITY_ANNOTATION,
  MANAGED_BY_LABEL,
} from '@guardrails-dev/plugin-guardrails-common';
import { KubernetesManifest } from '../manifests/kubernetesObject';
import { effectiveLevel } from '../rollout/rollout';
import { admissionBlockers } from './admissionSupport';
import { celLiteral, replaceIdentifiers } from './celText';
import { BUILT_IN_RESOURCE_NAMES } from './resourceNames';

/** The validation actions of a binding at each level. @public */
export const VALIDATION_ACTIONS: Readonly<
  Record<EnforcementLevel, readonly string[]>
> = {
  observe: ['Audit'],
  warn: ['Warn', 'Audit'],
  block: ['Deny'],
  'auto-correct': ['Deny'],
};

/** @public */
export interface AdmissionExportOptions {
  /**
   * Environments to bind, usually the one(s) the target cluster serves: a
   * binding also applies to cluster-scoped objects, whatever their namespace.
   */
  environments: readonly string[];
  /** The instant whose rollout stages the bindings follow. */
  at: Date;
  /** Resource names (plural, lowercase) of kinds that are not built in. */
  resourceNames?: Readonly<Record<string, string>>;
}

/** A guardrail left out of the export, and why. @public */
export interface FlaggedGuardrail {
  guardrail: string;
  reasons: string[];
}

/** @public */
export interface AdmissionExport {
  /** ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding objects. */
  objects: KubernetesManifest[];
  /** Guardrails that cannot run in admission; they are not in `objects`. */
  flagged: FlaggedGuardrail[];
}

const API_VERSION = 'admissionregistration.k8s.io/v1';
const OPERATIONS = ['CREATE', 'UPDATE'];

// The pod a workload's template creates, shaped like the offline evaluation's
// pod (see podFromTemplate), so pod rules can check workloads at admission.
const POD_TEMPLATE_VARIABLE = {
  name: 'guardrailsPodTemplate',
  expression:
    'has(object.spec.jobTemplate) ? object.spec.jobTemplate.spec.template : (has(object.spec.template) ? object.spec.template : null)',
};
const POD_VARIABLE = {
  name: 'guardrailsPod',
  expression: [
    'variables.guardrailsPodTemplate == null ? dyn(object) : dyn({',
    '"apiVersion": dyn("v1"), "kind": dyn("Pod"),',
    '"metadata": dyn({',
    '"name": dyn(has(object.metadata.name) ? object.metadata.name : ""),',
    '"namespace": dyn(request.namespace),',
    '"labels": dyn(has(variables.guardrailsPodTemplate.metadata) && has(variables.guardrailsPodTemplate.metadata.labels) ? variables.guardrailsPodTemplate.metadata.labels : {}),',
    '"annotations": dyn(has(variables.guardrailsPodTemplate.metadata) && has(variables.guardrailsPodTemplate.metadata.annotations) ? variables.guardrailsPodTemplate.metadata.annotations : {})',
    '}),',
    '"spec": dyn(variables.guardrailsPodTemplate.spec)',
    '})',
  ].join(' '),
};
const WORKLOAD_RULES = [
  { apiGroups: [''], resources: ['replicationcontrollers'] },
  {
    apiGroups: ['apps'],
    resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'],
  },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'] },
];

/** Name of the exported ValidatingAdmissionPolicy of a guardrail. @public */
export function admissionPolicyName(guardrailId: string): string {
  return `guardrails.${guardrailId}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function policyFor(
  guardrail: Guardrail,
  resourceNames: Readonly<Record<string, string>>,
): KubernetesManifest {
  const podRule = isPodRule(guardrail.match);
  const replacements: Record<string, string> = {};
  const variables: Array<{ name: string; expression: string }> = [];
  if (guardrail.params) {
    variables.push({
      name: 'guardrailsParams',
      expression: celLiteral(guardrail.params),
    });
    replacements.params = 'variables.guardrailsParams';
  }
  if (podRule) {
    variables.push(POD_TEMPLATE_VARIABLE, POD_VARIABLE);
    replacements.object = 'variables.guardrailsPod';
  }
  const rewrite = (expression: string) =>
    oneLine(replaceIdentifiers(expression, replacements));
  variables.push(
    ...guardrail.variables.map(v => ({
      name: v.name,
      expression: rewrite(v.expression),
    })),
  );
  const resourceRules = guardrail.match.resources.map(rule => ({
    apiGroups: rule.apiGroups,
    apiVersions: ['*'],
    operations: OPERATIONS,
    resources: rule.kinds.map(kind =>
      kind === '*' ? '*' : resourceNames[kind] ?? BUILT_IN_RESOURCE_NAMES[kind],
    ),
  }));
  if (podRule) {
    resourceRules.push(
      ...WORKLOAD_RULES.map(rule => ({
        apiGroups: rule.apiGroups,
        apiVersions: ['*'],
        operations: OPERATIONS,
        resources: rule.resources,
      })),
    );
  }
  const { namespaceSelector, objectSelector } = guardrail.match;
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: {
      name: admissionPolicyName(guardrail.id),
      labels: { [MANAGED_BY_LABEL]: GUARDRAILS_MANAGED_BY_VALUE },
      annotations: {
        [GUARDRAILS_GUARDRAIL_ID_ANNOTATION]: guardrail.id,
        [GUARDRAILS_SEVERITY_ANNOTATION]: guardrail.severity,
        [GUARDRAILS_CATEGORY_ANNOTATION]: guardrail.category,
      },
    },
    spec: {
      // Errors count as violations; each binding's actions decide what that means.
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules,
        ...(namespaceSelector ? { namespaceSelector } : {}),
        ...(objectSelector ? { objectSelector } : {}),
      },
      variables,
      validations: guardrail.validations.map(validation => ({
        expression: rewrite(validation.expression),
        message: oneLine(
          `${guardrail.id}: ${validation.message ?? guardrail.title}`,
        ),
        ...(validation.messageExpression !== undefined
          ? { messageExpression: rewrite(validation.messageExpression) }
          : {}),
      })),
    },
  };
}

function bindingFor(
  guardrail: Guardrail,
  environment: string,
  level: EnforcementLevel,
): KubernetesManifest {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: {
      name: `${admissionPolicyName(guardrail.id)}.${environment}`,
      labels: {
        [MANAGED_BY_LABEL]: GUARDRAILS_MANAGED_BY_VALUE,
        [GUARDRAILS_ENVIRONMENT_LABEL]: environment,
        [GUARDRAILS_ENFORCEMENT_LEVEL_LABEL]: level,
      },
      annotations: { [GUARDRAILS_GUARDRAIL_ID_ANNOTATION]: guardrail.id },
    },
    spec: {
      policyName: admissionPolicyName(guardrail.id),
      validationActions: [...VALIDATION_ACTIONS[level]],
      matchResources: {
        namespaceSelector: {
          matchLabels: { [GUARDRAILS_ENVIRONMENT_LABEL]: environment },
        },
      },
    },
  };
}

/**
 * Exports a pack to Kubernetes admission control: one
 * ValidatingAdmissionPolicy per guardrail and one binding per environment in
 * which the guardrail is in force at `at`, selecting that environment's
 * namespaces by label, with the stage's validation actions. Pod rules also
 * match pod-bearing workloads, with `object` rewritten to the template's pod.
 * Guardrails that cannot run in admission are returned in `flagged` instead.
 * @public
 */
export function exportValidatingAdmissionPolicies(
  pack: GuardrailPack,
  options: AdmissionExportOptions,
): AdmissionExport {
  const resourceNames = options.resourceNames ?? {};
  const objects: KubernetesManifest[] = [];
  const flagged: FlaggedGuardrail[] = [];
  for (const guardrail of pack.guardrails) {
    const reasons = admissionBlockers(guardrail, resourceNames);
    if (reasons.length > 0) {
      flagged.push({ guardrail: guardrail.id, reasons });
      continue;
    }
    objects.push(policyFor(guardrail, resourceNames));
    for (const environment of options.environments) {
      const level = effectiveLevel(guardrail, environment, options.at);
      if (level) {
        objects.push(bindingFor(guardrail, environment, level));
      }
    }
  }
  return { objects, flagged };
}
