import { TEST_TOKEN } from '../../__testUtils__/simulatedClusters';
import type { Enforcement } from './enforcementBackend';

/** What the API server answered: the status, and its message when it refused. */
export interface Answer {
  status: number;
  message?: string;
}

/** A developer's requests to a simulated cluster, as kubectl makes them: admission sees each. */
export function developer(env: Enforcement, cluster: string) {
  const { url } = env.clusters.simulators[cluster];
  const send = async (
    method: string,
    path: string,
    body?: object,
  ): Promise<Answer> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TEST_TOKEN}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const answer = (await res.json()) as { message?: string };
    return {
      status: res.status,
      ...(res.ok ? {} : { message: answer.message }),
    };
  };
  return {
    createDeployment: (deployment: { metadata: { namespace: string } }) =>
      send(
        'POST',
        `/apis/apps/v1/namespaces/${deployment.metadata.namespace}/deployments`,
        deployment,
      ),
    deleteNamespace: (name: string) =>
      send('DELETE', `/api/v1/namespaces/${name}`),
  };
}
