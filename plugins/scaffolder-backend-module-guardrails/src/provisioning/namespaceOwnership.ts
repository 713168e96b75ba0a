import { ConflictError } from '@backstage/errors';
import {
  GUARDRAILS_ENTITY_REF_ANNOTATION,
  GUARDRAILS_ENVIRONMENT_LABEL,
  GUARDRAILS_MANAGED_BY_VALUE,
  MANAGED_BY_LABEL,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import { KubeObject } from '@guardrails-dev/plugin-guardrails-node';

/** Who the namespace is for, as provisioning would label it. */
export interface NamespaceClaim {
  namespace: string;
  environment: string;
  /** Normalized component entity ref. */
  component: string;
}

/**
 * Refuses, with a ConflictError saying why, to touch a namespace that exists and was not
 * provisioned by Guardrails, is provisioned for another entity or environment, or is being
 * deleted. A namespace that does not exist, or is already this component's, passes.
 */
export function assertNamespaceClaimable(
  cluster: string,
  existing: KubeObject | undefined,
  claim: NamespaceClaim,
): void {
  if (!existing) {
    return;
  }
  const where = `Namespace '${claim.namespace}' already exists in cluster '${cluster}'`;
  const untouched = 'Provisioning changed nothing.';
  const labels = existing.metadata.labels ?? {};
  const annotations = existing.metadata.annotations ?? {};
  const managedBy = labels[MANAGED_BY_LABEL];
  if (managedBy !== GUARDRAILS_MANAGED_BY_VALUE) {
    throw new ConflictError(
      `${where} and was not provisioned by Guardrails (label ${MANAGED_BY_LABEL} is ${
        managedBy === undefined ? 'not set' : `'${managedBy}'`
      }). ${untouched} Choose another namespace name, or ask the platform team to adopt the namespace.`,
    );
  }
  const owner = annotations[GUARDRAILS_ENTITY_REF_ANNOTATION];
  if (!owner || normalizeEntityRef(owner) !== claim.component) {
    throw new ConflictError(
      `${where} and belongs to ${
        owner ? `'${owner}'` : 'no entity'
      } (annotation ${GUARDRAILS_ENTITY_REF_ANNOTATION}), not '${
        claim.component
      }'. ${untouched} Choose another namespace name.`,
    );
  }
  const environment = labels[GUARDRAILS_ENVIRONMENT_LABEL];
  if (environment !== claim.environment) {
    throw new ConflictError(
      `${where} and belongs to environment '${
        environment ?? 'none'
      }' (label ${GUARDRAILS_ENVIRONMENT_LABEL}), not '${
        claim.environment
      }'. ${untouched} Choose another namespace name.`,
    );
  }
  if (existing.metadata.deletionTimestamp) {
    throw new ConflictError(
      `${where} and is being deleted. ${untouched} Run the template again once it is gone.`,
    );
  }
}
