import {
  Guardrail,
  GUARDRAILS_CATEGORY_ANNOTATION,
  GUARDRAILS_GUARDRAIL_ID_ANNOTATION,
  GUARDRAILS_MANAGED_BY_VALUE,
  GUARDRAILS_SEVERITY_ANNOTATION,
  MANAGED_BY_LABEL,
} from '@guardrails-dev/plugin-guardrails-common';
import { isPodRule } from '../evaluation/matching';
import { NOW_VARIABLE } from '../guardrailCel';
import { KubernetesManifest } from '../manifests/kubernetesObject';
import { expressionsOf } from './admissionSupport';
import {
  admissionMessage,
  admissionMessageExpression,
  oneLine,
} from './admissionMessages';
import { celLiteral, replaceIdentifiers } from './celText';
import { resourceNameOf } from './resourceNames';

export const ADMISSION_API_VERSION = 'admissionregistration.k8s.io/v1';
const DEFAULT_OPERATIONS = ['CREATE', 'UPDATE'];
/** The name of the match condition that leaves out exempted objects. */
export const EXEMPTIONS_CONDITION = 'guardrails-exemptions';

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

/** What a policy depends on besides its guardrail. */
export interface PolicyContext {
  resourceNames: Readonly<Record<string, string>>;
  /** The guardrail's page in the portal, which messages end with. */
  link?: string;
  /** The instant `variables.guardrailsNow` holds. */
  clock: Date;
  /** A match condition false for exempted requests. */
  exemptionCondition?: string;
}

/** Whether a guardrail reads `variables.guardrailsNow`, which the export fills in. */
export function usesClock(guardrail: Guardrail): boolean {
  const pattern = new RegExp(`\\b${NOW_VARIABLE}\\b`);
  return expressionsOf(guardrail).some(e => pattern.test(e));
}

function resourceRulesOf(
  guardrail: Guardrail,
  resourceNames: Readonly<Record<string, string>>,
) {
  const operations = guardrail.match.operations ?? DEFAULT_OPERATIONS;
  const rules = guardrail.match.resources.flatMap(rule =>
    rulesByResources(rule.apiGroups, rule.kinds, resourceNames),
  );
  if (isPodRule(guardrail.match)) rules.push(...WORKLOAD_RULES);
  return rules.map(rule => ({
    apiGroups: rule.apiGroups,
    apiVersions: ['*'],
    operations: [...operations],
    resources: rule.resources,
  }));
}

/**
 * One rule per distinct list of resource names: a kind may have another
 * plural in each group it is matched in (custom resources), and a rule's
 * resources apply to every group of the rule.
 */
function rulesByResources(
  apiGroups: string[],
  kinds: string[],
  resourceNames: Readonly<Record<string, string>>,
): Array<{ apiGroups: string[]; resources: string[] }> {
  const byResources = new Map<
    string,
    { apiGroups: string[]; resources: string[] }
  >();
  for (const group of apiGroups) {
    const resources = kinds.map(kind =>
      kind === '*' ? '*' : resourceNameOf(group, kind, resourceNames)!,
    );
    const key = resources.join(',');
    const rule = byResources.get(key);
    if (rule) rule.apiGroups.push(group);
    else byResources.set(key, { apiGroups: [group], resources });
  }
  return [...byResources.values()];
}

/** The ValidatingAdmissionPolicy of a guardrail that can run in admission. */
export function policyFor(
  guardrail: Guardrail,
  context: PolicyContext,
): KubernetesManifest {
  const replacements: Record<string, string> = {};
  const variables: Array<{ name: string; expression: string }> = [];
  if (usesClock(guardrail)) {
    variables.push({
      name: NOW_VARIABLE,
      expression: `timestamp(${JSON.stringify(
        context.clock.toISOString().replace('.000Z', 'Z'),
      )})`,
    });
  }
  if (guardrail.params) {
    variables.push({
      name: 'guardrailsParams',
      expression: celLiteral(guardrail.params),
    });
    replacements.params = 'variables.guardrailsParams';
  }
  if (isPodRule(guardrail.match)) {
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
  const { namespaceSelector, objectSelector } = guardrail.match;
  return {
    apiVersion: ADMISSION_API_VERSION,
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
        resourceRules: resourceRulesOf(guardrail, context.resourceNames),
        ...(namespaceSelector ? { namespaceSelector } : {}),
        ...(objectSelector ? { objectSelector } : {}),
      },
      ...(context.exemptionCondition
        ? {
            matchConditions: [
              {
                name: EXEMPTIONS_CONDITION,
                expression: context.exemptionCondition,
              },
            ],
          }
        : {}),
      variables,
      validations: guardrail.validations.map(validation => ({
        expression: rewrite(validation.expression),
        message: admissionMessage(guardrail, validation, context.link),
        ...(validation.messageExpression !== undefined
          ? {
              messageExpression: admissionMessageExpression(
                guardrail,
                rewrite(validation.messageExpression),
                context.link,
              ),
            }
          : {}),
      })),
    },
  };
}
