import { createHash } from 'node:crypto';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  BACKSTAGE_KUBERNETES_ID_LABEL,
  BACKSTAGE_KUBERNETES_NAMESPACE_ANNOTATION,
  GUARDRAILS_ENTITY_REF_ANNOTATION,
  GUARDRAILS_ENVIRONMENT_LABEL,
} from '@guardrails-dev/plugin-guardrails-common';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';

/** Annotation on namespace entities: the clusters the namespace was provisioned on, comma-separated. @public */
export const GUARDRAILS_CLUSTERS_ANNOTATION = 'guardrails.dev/clusters';
/** Spec type of the catalog entities describing provisioned namespaces. @public */
export const KUBERNETES_NAMESPACE_RESOURCE_TYPE = 'kubernetes-namespace';

const MAX_NAME = 63;

/**
 * The catalog Resource describing a provisioned namespace: owned by the owner, a dependency of the
 * component, in the component's catalog namespace. Its name is the namespace name with the
 * environment appended unless already there, since one name may be used in several environments.
 */
export function namespaceEntity(options: {
  namespace: string;
  environment: EnvironmentDefinition;
  owner: string;
  component: string;
  clusters: string[];
}): Entity {
  const { namespace, environment, owner, component, clusters } = options;
  const componentRef = parseEntityRef(component);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: entityName(namespace, environment.name),
      namespace: componentRef.namespace,
      title: `${namespace} (${environment.title})`,
      description: `Guarded Kubernetes namespace of ${component} in ${environment.title}, provisioned by Guardrails.`,
      annotations: {
        [BACKSTAGE_KUBERNETES_NAMESPACE_ANNOTATION]: namespace,
        [BACKSTAGE_KUBERNETES_ID_LABEL]: componentRef.name,
        [GUARDRAILS_ENVIRONMENT_LABEL]: environment.name,
        [GUARDRAILS_CLUSTERS_ANNOTATION]: clusters.join(','),
        [GUARDRAILS_ENTITY_REF_ANNOTATION]: component,
      },
      tags: ['kubernetes', 'guardrails'],
    },
    spec: {
      type: KUBERNETES_NAMESPACE_RESOURCE_TYPE,
      owner,
      dependencyOf: [component],
    },
  };
}

function entityName(namespace: string, environment: string): string {
  const suffix = `-${environment}`;
  if (namespace.endsWith(suffix)) {
    return namespace;
  }
  const name = `${namespace}${suffix}`;
  if (name.length <= MAX_NAME) {
    return name;
  }
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const keep = MAX_NAME - suffix.length - hash.length - 1;
  return `${namespace.slice(0, keep).replace(/-+$/, '')}-${hash}${suffix}`;
}
