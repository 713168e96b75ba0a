import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  BACKSTAGE_KUBERNETES_ID_LABEL,
  BACKSTAGE_KUBERNETES_NAMESPACE_ANNOTATION,
  GUARDRAILS_CLUSTERS_ANNOTATION,
  GUARDRAILS_ENTITY_REF_ANNOTATION,
  GUARDRAILS_ENVIRONMENT_LABEL,
  KUBERNETES_NAMESPACE_RESOURCE_TYPE,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  EnvironmentDefinition,
  namespaceResourceName,
} from '@guardrails-dev/plugin-guardrails-node';

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
      name: namespaceResourceName(namespace, environment.name),
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
