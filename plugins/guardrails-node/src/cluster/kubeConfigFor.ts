import { KubeConfig } from '@kubernetes/client-node';
import { ClusterConnection } from '../config/readClusters';

/**
 * A KubeConfig holding exactly one configured cluster. Built only from Backstage config: never
 * from a kubeconfig file, KUBECONFIG or in-cluster service account files.
 */
export function kubeConfigFor(connection: ClusterConnection): KubeConfig {
  const { definition } = connection;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: definition.name,
        server: definition.url,
        caData: connection.caData,
        caFile: connection.caFile,
        // client-node refuses http: unless TLS verification is off; config reading already limited
        // http: to loopback hosts or an explicit skipTLSVerify.
        skipTLSVerify:
          definition.skipTLSVerify || definition.url.startsWith('http:'),
      },
    ],
    // A user must exist even without a token: client-node applies the CA only when there is one.
    users: [{ name: 'guardrails', token: connection.serviceAccountToken }],
    contexts: [
      { name: definition.name, cluster: definition.name, user: 'guardrails' },
    ],
    currentContext: definition.name,
  });
  return kc;
}
