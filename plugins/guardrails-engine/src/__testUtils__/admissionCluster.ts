// Tests only: the engine's exports are checked by the admission they are written for.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  KubeSimulator,
  startKubeSimulator,
} from '@guardrails-dev/kube-simulator';
import { KubernetesManifest } from '../manifests/kubernetesObject';
import { BUILT_IN_RESOURCE_NAMES } from '../export/resourceNames';

/** What the API server answered a write: its status, and the Status message and Warning headers. */
export interface AdmissionAnswer {
  status: number;
  admitted: boolean;
  message: string;
  warnings: string[];
}

function collectionPath(apiVersion: string, kind: string, namespace?: string) {
  const plural = BUILT_IN_RESOURCE_NAMES[kind];
  if (!plural) throw new Error(`no resource name for ${kind}`);
  const base = apiVersion.includes('/')
    ? `/apis/${apiVersion}`
    : `/api/${apiVersion}`;
  return namespace
    ? `${base}/namespaces/${namespace}/${plural}`
    : `${base}/${plural}`;
}

/**
 * A kube-simulator cluster holding `objects` from the start (seeded objects
 * do not go through admission, so policies, bindings and the namespaces
 * they select are in place before the first admitted write).
 */
export class AdmissionCluster {
  private constructor(private readonly simulator: KubeSimulator) {}

  static async start(objects: object[]): Promise<AdmissionCluster> {
    return new AdmissionCluster(
      await startKubeSimulator({ name: 'admission', objects }),
    );
  }

  private async send(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<AdmissionAnswer> {
    const response = await fetch(`${this.simulator.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const answer = (await response.json()) as { message?: string };
    const warning = response.headers.get('warning');
    return {
      status: response.status,
      admitted: response.ok,
      message: answer.message ?? '',
      warnings: warning ? [warning] : [],
    };
  }

  create(object: KubernetesManifest): Promise<AdmissionAnswer> {
    const metadata = object.metadata ?? {};
    return this.send(
      'POST',
      collectionPath(object.apiVersion, object.kind, metadata.namespace),
      object,
    );
  }

  delete(object: KubernetesManifest): Promise<AdmissionAnswer> {
    const metadata = object.metadata ?? {};
    return this.send(
      'DELETE',
      `${collectionPath(object.apiVersion, object.kind, metadata.namespace)}/${
        metadata.name
      }`,
    );
  }

  close(): Promise<void> {
    return this.simulator.close();
  }
}
