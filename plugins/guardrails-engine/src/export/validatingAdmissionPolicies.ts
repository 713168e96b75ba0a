import {
  EnforcementLevel,
  Exemption,
  Guardrail,
  GuardrailPack,
  GUARDRAILS_ENFORCEMENT_LEVEL_LABEL,
  GUARDRAILS_ENVIRONMENT_LABEL,
  GUARDRAILS_EXEMPTIONS_ANNOTATION,
  GUARDRAILS_GUARDRAIL_ID_ANNOTATION,
  GUARDRAILS_MANAGED_BY_VALUE,
  MANAGED_BY_LABEL,
} from '@guardrails-dev/plugin-guardrails-common';
import { KubernetesManifest } from '../manifests/kubernetesObject';
import { effectiveLevel } from '../rollout/rollout';
import { admissionClock } from './admissionClock';
import {
  BindingExclusions,
  EntityScopes,
  guardrailExclusions,
  resolveExemptions,
  UnresolvedExemption,
} from './admissionExclusions';
import { portalLinks } from './admissionMessages';
import {
  ADMISSION_API_VERSION,
  admissionPolicyName,
  policyFor,
} from './admissionPolicy';
import { admissionBlockers } from './admissionSupport';

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
  /**
   * Resource names (plural, lowercase) of kinds that are not built in, keyed
   * `Kind.group` (`DatabaseClaim.platform.example.org: databaseclaims`) or
   * `Kind` for every group; from the cluster's discovery where one is at hand.
   * A guardrail matching a kind named nowhere is flagged, not exported.
   */
  resourceNames?: Readonly<Record<string, string>>;
  /** Exemptions in addition to those in the pack; those active at `at` are left out of admission. */
  exemptions?: ReadonlyArray<Exemption>;
  /**
   * Where the objects of the entities that exemptions name are; an exemption
   * naming an entity not found here excludes nothing and is listed in
   * `unresolvedExemptions`.
   */
  entityScopes?: EntityScopes;
  /**
   * The portal's base URL (Backstage's `app.baseUrl`): every message ends with
   * a link to the guardrail's page there.
   */
  portalBaseUrl?: string;
}

/** The label the API server gives every Namespace, holding its name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

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
  /** Active exemptions that admission does not honour, and why. */
  unresolvedExemptions: UnresolvedExemption[];
}

function bindingFor(
  guardrail: Guardrail,
  environment: string,
  level: EnforcementLevel,
  exclusions: BindingExclusions | undefined,
): KubernetesManifest {
  const {
    namespaces = [],
    resourceRules = [],
    exemptions = [],
  } = exclusions ?? {};
  return {
    apiVersion: ADMISSION_API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: {
      name: `${admissionPolicyName(guardrail.id)}.${environment}`,
      labels: {
        [MANAGED_BY_LABEL]: GUARDRAILS_MANAGED_BY_VALUE,
        [GUARDRAILS_ENVIRONMENT_LABEL]: environment,
        [GUARDRAILS_ENFORCEMENT_LEVEL_LABEL]: level,
      },
      annotations: {
        [GUARDRAILS_GUARDRAIL_ID_ANNOTATION]: guardrail.id,
        ...(exemptions.length > 0
          ? { [GUARDRAILS_EXEMPTIONS_ANNOTATION]: exemptions.join(',') }
          : {}),
      },
    },
    spec: {
      policyName: admissionPolicyName(guardrail.id),
      validationActions: [...VALIDATION_ACTIONS[level]],
      matchResources: {
        namespaceSelector: {
          matchLabels: { [GUARDRAILS_ENVIRONMENT_LABEL]: environment },
          ...(namespaces.length > 0
            ? {
                matchExpressions: [
                  {
                    key: NAMESPACE_NAME_LABEL,
                    operator: 'NotIn',
                    values: namespaces,
                  },
                ],
              }
            : {}),
        },
        ...(resourceRules.length > 0
          ? { excludeResourceRules: resourceRules }
          : {}),
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
 * Exemptions active at `at` are left out of the bindings and policies, and
 * every message names the guardrail and links to its portal page. Guardrails
 * that cannot run in admission are returned in `flagged` instead. The output
 * changes next at {@link nextAdmissionChange}.
 * @public
 */
export function exportValidatingAdmissionPolicies(
  pack: GuardrailPack,
  options: AdmissionExportOptions,
): AdmissionExport {
  const resourceNames = options.resourceNames ?? {};
  const linkTo =
    options.portalBaseUrl !== undefined
      ? portalLinks(options.portalBaseUrl)
      : undefined;
  const { resolved, unresolved } = resolveExemptions(
    [...pack.exemptions, ...(options.exemptions ?? [])],
    options,
  );
  const objects: KubernetesManifest[] = [];
  const flagged: FlaggedGuardrail[] = [];
  for (const guardrail of pack.guardrails) {
    const reasons = admissionBlockers(guardrail, resourceNames);
    if (reasons.length > 0) {
      flagged.push({ guardrail: guardrail.id, reasons });
      continue;
    }
    const exclusions = guardrailExclusions(guardrail, resolved, {
      environments: options.environments,
      resourceNames,
    });
    objects.push(
      policyFor(guardrail, {
        resourceNames,
        clock: admissionClock(options.at),
        ...(linkTo ? { link: linkTo(guardrail.id) } : {}),
        ...(exclusions.condition
          ? { exemptionCondition: exclusions.condition }
          : {}),
      }),
    );
    for (const environment of options.environments) {
      const level = effectiveLevel(guardrail, environment, options.at);
      if (level) {
        objects.push(
          bindingFor(
            guardrail,
            environment,
            level,
            exclusions.bindings.get(environment),
          ),
        );
      }
    }
  }
  return { objects, flagged, unresolvedExemptions: unresolved };
}
