import { ConflictError } from '@backstage/errors';
import {
  encodeEntityRefForLabel,
  GUARDRAILS_ENTITY_REF_ANNOTATION,
  GUARDRAILS_ENVIRONMENT_LABEL,
  GUARDRAILS_MANAGED_BY_VALUE,
  GUARDRAILS_OWNER_LABEL,
  GUARDRAILS_OWNER_REF_ANNOTATION,
  MANAGED_BY_LABEL,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import { KubernetesObject } from '@guardrails-dev/plugin-guardrails-node';

/** Who the namespace is for, as provisioning would label it. */
export interface NamespaceClaim {
  namespace: string;
  environment: string;
  /** Normalized component entity ref. */
  component: string;
  /** Normalized owner entity ref. */
  owner: string;
}

/**
 * Refuses, with a ConflictError saying why, to touch a namespace that exists and was not
 * provisioned by Guardrails, is provisioned for another entity, owner or environment, or is being
 * deleted. A namespace that does not exist, or is already this component's and owner's, passes.
 */
export function assertNamespaceClaimable(
  cluster: string,
  existing: KubernetesObject | undefined,
  claim: NamespaceClaim,
  // What the refusal left alone, for the message; applying into a namespace says it its own way.
  untouched: string = 'Provisioning changed nothing.',
): void {
  if (!existing) {
    return;
  }
  const where = `Namespace '${claim.namespace}' already exists in cluster '${cluster}'`;
  const labels = existing.metadata?.labels ?? {};
  const annotations = existing.metadata?.annotations ?? {};
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
  const recordedOwner = ownerRecord(labels, annotations);
  if (!recordedOwner || !recordedOwner.matches(claim.owner)) {
    throw new ConflictError(
      `${where} and belongs to ${
        recordedOwner ? `owner '${recordedOwner.owner}'` : 'no owner'
      } (${
        recordedOwner?.source ?? `annotation ${GUARDRAILS_OWNER_REF_ANNOTATION}`
      }), not '${
        claim.owner
      }'. ${untouched} A namespace keeps the owner it was provisioned for; if the component changed hands, ask the platform team to hand its namespaces over.`,
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
  if (existing.metadata?.deletionTimestamp) {
    throw new ConflictError(
      `${where} and is being deleted. ${untouched} Run the template again once it is gone.`,
    );
  }
}

/**
 * The owner the namespace records: the exact ref of the owner-ref annotation, else the owner
 * label (which holds an encoded, possibly shortened ref, so only an encoded ref can match it).
 */
function ownerRecord(
  labels: Record<string, string>,
  annotations: Record<string, string>,
):
  | { owner: string; source: string; matches: (owner: string) => boolean }
  | undefined {
  const annotated = annotations[GUARDRAILS_OWNER_REF_ANNOTATION];
  if (annotated) {
    const owner = normalizeEntityRef(annotated) ?? annotated;
    return {
      owner,
      source: `annotation ${GUARDRAILS_OWNER_REF_ANNOTATION}`,
      matches: candidate => candidate === owner,
    };
  }
  const labelled = labels[GUARDRAILS_OWNER_LABEL];
  if (labelled) {
    return {
      owner: labelled,
      source: `label ${GUARDRAILS_OWNER_LABEL}`,
      matches: candidate => encodeEntityRefForLabel(candidate) === labelled,
    };
  }
  return undefined;
}
