import {
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  GUARDRAILS_LABEL_PREFIX,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  baselineInputProblems,
  buildNamespaceBaseline,
  NamespaceBaseline,
  NamespaceBaselineInput,
} from '@guardrails-dev/plugin-guardrails-engine';
import {
  EnvironmentDefinition,
  quotaToHard,
  SizeProfile,
} from '@guardrails-dev/plugin-guardrails-node';
import { NamespaceRequest } from './types';

/** A request checked against configuration, with the objects to apply. */
export interface PreparedNamespace {
  /** Owner and component refs normalized to `kind:namespace/name`. */
  request: NamespaceRequest & { size: string };
  environment: EnvironmentDefinition;
  baseline: NamespaceBaseline;
}

// Namespaces the cluster itself owns; provisioning must never touch them.
const RESERVED_NAMESPACES = new Set([
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);
const RESERVED_LABEL_PREFIXES = [
  GUARDRAILS_LABEL_PREFIX,
  'pod-security.kubernetes.io/',
];

/**
 * Checks a request against the configured environments and sizes and builds the objects of the
 * namespace. Makes no calls; every problem is named in one InputError.
 */
export function prepareNamespace(
  given: NamespaceRequest,
  environments: EnvironmentDefinition[],
): PreparedNamespace {
  // As in catalog `spec.owner`, an owner without a kind is a group and a ref without a
  // namespace is in `default`.
  const request = {
    ...given,
    owner: completeRef(given.owner, 'group'),
    component: completeRef(given.component, 'component'),
  };
  const problems = namespaceRequestProblems(request, environments);
  if (problems.length > 0) {
    throw new InputError(
      `Cannot provision namespace '${request.namespace}': ${problems.join(
        '; ',
      )}`,
    );
  }
  const environment = environments.find(e => e.name === request.environment)!;
  const size = sizeOf(environment, request.size)!;
  const normalized = {
    ...request,
    owner: normalizeEntityRef(request.owner)!,
    component: normalizeEntityRef(request.component)!,
    size: size.name,
  };
  return {
    request: normalized,
    environment,
    baseline: buildNamespaceBaseline(
      baselineInput(normalized, environment, size),
    ),
  };
}

/** Every problem with a request, each a readable sentence; empty when it can be provisioned. */
export function namespaceRequestProblems(
  request: NamespaceRequest,
  environments: EnvironmentDefinition[],
): string[] {
  const problems: string[] = [];
  const environment = environments.find(e => e.name === request.environment);
  if (!environment) {
    problems.push(
      `environment '${
        request.environment
      }' is not configured; configured environments: ${environments
        .map(e => e.name)
        .join(', ')}`,
    );
  } else if (!sizeOf(environment, request.size)) {
    problems.push(
      `size '${request.size}' is not configured for environment '${
        environment.name
      }'; sizes: ${Object.keys(environment.profile.sizes).join(', ')}`,
    );
  }
  if (RESERVED_NAMESPACES.has(request.namespace)) {
    problems.push(
      `namespace '${request.namespace}' belongs to the cluster itself and cannot be provisioned`,
    );
  }
  for (const key of Object.keys(request.extraLabels ?? {})) {
    if (RESERVED_LABEL_PREFIXES.some(prefix => key.startsWith(prefix))) {
      problems.push(
        `extra label '${key}' uses a prefix Guardrails sets itself (${RESERVED_LABEL_PREFIXES.join(
          ', ',
        )})`,
      );
    } else if (!KubernetesValidatorFunctions.isValidLabelKey(key)) {
      problems.push(`extra label key '${key}' is not a valid label key`);
    }
  }
  // The baseline's own checks cover names, refs, cost centre and label values; the profile values
  // it also needs come from validated configuration, so any environment stands in when unknown.
  problems.push(
    ...baselineInputProblems({
      namespace: request.namespace,
      environment: request.environment,
      owner: request.owner,
      component: request.component,
      costCenter: request.costCenter,
      extraLabels: request.extraLabels,
      profile: {
        podSecurity: 'restricted',
        networkPolicy: 'deny-all',
        ownerRole: 'view',
      },
      size: {
        name: '',
        quota: {},
        limitRange: { defaultRequest: {}, default: {} },
      },
    }),
  );
  return problems;
}

function completeRef(ref: string, defaultKind: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    // Reported, with the rest of the input problems, as not being an entity ref.
    return ref;
  }
}

function sizeOf(
  environment: EnvironmentDefinition,
  size: string | undefined,
): SizeProfile | undefined {
  const sizes = environment.profile.sizes;
  if (size === undefined || size === '') {
    return Object.values(sizes)[0];
  }
  return Object.prototype.hasOwnProperty.call(sizes, size)
    ? sizes[size]
    : undefined;
}

function baselineInput(
  request: PreparedNamespace['request'],
  environment: EnvironmentDefinition,
  size: SizeProfile,
): NamespaceBaselineInput {
  const { podSecurity, networkPolicy, ownerRole } = environment.profile;
  return {
    namespace: request.namespace,
    environment: environment.name,
    owner: request.owner,
    component: request.component,
    costCenter: request.costCenter,
    extraLabels: request.extraLabels,
    profile: { podSecurity, networkPolicy, ownerRole },
    size: {
      name: size.name,
      quota: quotaToHard(size),
      limitRange: {
        defaultRequest: { ...size.limitRange.defaultRequest },
        default: { ...size.limitRange.default },
        ...(size.limitRange.max ? { max: { ...size.limitRange.max } } : {}),
      },
    },
  };
}
