// Writes to the simulated clusters over the Kubernetes REST API, as @kubernetes/client-node and kubectl send them,
// with what admission answered: the status, the Status message of a refusal, and the `Warning` headers of an
// admitted request (the texts kubectl prints as `Warning: ...`).
import { clusterGet } from './portal.mjs';

const TOKEN = 'dev-portal-token'; // app-config.yaml's service account token for the simulated clusters

/** The warning texts of a response: `299 - "<text>"` per warning, as kube-apiserver sends them. */
function warnings(res) {
  const header = res.headers.get('warning');
  if (!header) return [];
  return [...header.matchAll(/299 - "((?:[^"\\]|\\.)*)"/g)].map(m =>
    m[1].replace(/\\(.)/g, '$1'),
  );
}

async function send(port, method, path, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const answer = text ? JSON.parse(text) : undefined;
  return {
    status: res.status,
    warnings: warnings(res),
    message: answer?.kind === 'Status' ? answer.message : undefined,
  };
}

/** Creates a Deployment; `dryRun` goes through admission and stores nothing (`kubectl create --dry-run=server`). */
export function createDeployment(port, deployment, { dryRun = false } = {}) {
  const { namespace } = deployment.metadata;
  return send(
    port,
    'POST',
    `/apis/apps/v1/namespaces/${namespace}/deployments${
      dryRun ? '?dryRun=All' : ''
    }`,
    deployment,
  );
}

export function deleteDeployment(port, namespace, name) {
  return send(
    port,
    'DELETE',
    `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
  );
}

export function deleteNamespace(port, name, { dryRun = false } = {}) {
  return send(
    port,
    'DELETE',
    `/api/v1/namespaces/${name}${dryRun ? '?dryRun=All' : ''}`,
  );
}

/** The validation actions of one admission binding in a cluster, or undefined while it is absent. */
export async function bindingActions(port, name) {
  const res = await clusterGet(
    port,
    `/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings/${name}`,
  );
  return res.status === 200 ? res.body.spec.validationActions : undefined;
}

/** Calls `probe` until it returns a value other than undefined; fails with `what` after `timeoutMs`. */
export async function pollUntil(what, timeoutMs, probe, intervalMs = 1000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
}
