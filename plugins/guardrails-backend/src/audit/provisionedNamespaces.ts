import {
  GUARDRAILS_ENTITY_REF_ANNOTATION,
  GUARDRAILS_ENVIRONMENT_LABEL,
  GUARDRAILS_MANAGED_BY_VALUE,
  MANAGED_BY_LABEL,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import { KubernetesManifest } from '@guardrails-dev/plugin-guardrails-engine';
import { ProvisionedNamespace } from '../db';

/**
 * The namespaces among a cluster's Namespace objects that the suite provisioned (managed by it and annotated with
 * the component they are for), read from objects the audit lists anyway: no request of their own. A namespace
 * whose annotation is not a full entity ref links to nothing.
 */
export function provisionedNamespaces(
  namespaces: Iterable<KubernetesManifest>,
  clusterEnvironment: string,
): Array<Omit<ProvisionedNamespace, 'cluster'>> {
  const found: Array<Omit<ProvisionedNamespace, 'cluster'>> = [];
  for (const object of namespaces) {
    const metadata = object.metadata ?? {};
    const labels = metadata.labels ?? {};
    if (
      !metadata.name ||
      labels[MANAGED_BY_LABEL] !== GUARDRAILS_MANAGED_BY_VALUE
    )
      continue;
    const entityRef = normalizeEntityRef(
      metadata.annotations?.[GUARDRAILS_ENTITY_REF_ANNOTATION] ?? '',
    );
    if (!entityRef) continue;
    found.push({
      namespace: metadata.name,
      // The environment provisioning named the namespace's catalog entity after.
      environment: labels[GUARDRAILS_ENVIRONMENT_LABEL] || clusterEnvironment,
      entityRef,
    });
  }
  return found;
}
