/*
 * Writes in a simulated cluster and the waits that time what follows them: a component's Deployment made privileged
 * (a violation of `pod.no-privileged`) or not, through the Kubernetes API as any client writes, and polling until a
 * condition holds.
 */
import { ApiEntityReport } from '@guardrails-dev/plugin-guardrails-common';

/** The guardrail a privileged container violates in the default pack. */
export const PRIVILEGED_GUARDRAIL = 'pod.no-privileged';

/** A component's Deployment in a cluster. */
export interface DeploymentRef {
  component: string;
  cluster: string;
  namespace: string;
  name: string;
}

/**
 * Makes the Deployment's containers privileged or not with a strategic merge patch (containers merged by name), as
 * `kubectl patch` does. Resolves with the response's size, which the request counts of the simulator include.
 */
export async function writePrivileged(options: {
  url: string;
  token: string;
  deployment: DeploymentRef;
  container: string;
  privileged: boolean;
}): Promise<{ bytes: number }> {
  const { deployment, container, privileged } = options;
  const response = await fetch(
    `${options.url}/apis/apps/v1/namespaces/${deployment.namespace}/deployments/${deployment.name}`,
    {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/strategic-merge-patch+json',
      },
      body: JSON.stringify({
        spec: {
          template: {
            spec: {
              containers: [
                { name: container, securityContext: { privileged } },
              ],
            },
          },
        },
      }),
    },
  );
  const body = await response.text();
  if (!response.ok) {
    throw new Error(
      `PATCH of Deployment ${deployment.namespace}/${deployment.name} in ${deployment.cluster} answered ${response.status}: ${body}`,
    );
  }
  return { bytes: Buffer.byteLength(body) };
}

/** Whether the entity's report shows the Deployment privileged (a `pod.no-privileged` result on it). */
export function reportShowsPrivileged(
  report: ApiEntityReport,
  deployment: DeploymentRef,
): boolean {
  return report.environments.some(environment =>
    environment.violations.some(
      v =>
        v.guardrail === PRIVILEGED_GUARDRAIL &&
        v.resource.kind === 'Deployment' &&
        v.resource.cluster === deployment.cluster &&
        v.resource.namespace === deployment.namespace &&
        v.resource.name === deployment.name,
    ),
  );
}

/**
 * Calls `probe` every `intervalMs` until it gives a value, and resolves with it and the time (`performance.now()`)
 * of the probe that gave it; `undefined` when `timeoutMs` passed first.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs: number },
): Promise<{ value: T; at: number } | undefined> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    const at = performance.now();
    if (value !== undefined) return { value, at };
    if (at > deadline) return undefined;
    await new Promise(resolve => setTimeout(resolve, options.intervalMs));
  }
}
