import {
  ApiException,
  ApisApi,
  AppsV1Api,
  BatchV1Api,
  CoreApi,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  NetworkingV1Api,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
  VersionApi,
} from '@kubernetes/client-node';
import {
  KubeSimulator,
  KubeSimulatorOptions,
  startKubeSimulator,
} from '../index';

/** `@kubernetes/client-node` clients for a cluster URL, authenticated with a bearer token when given. */
export function clientsFor(server: string, token?: string) {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'sim', server, skipTLSVerify: true }],
    users: [{ name: 'user', ...(token ? { token } : {}) }],
    contexts: [{ name: 'sim', cluster: 'sim', user: 'user' }],
    currentContext: 'sim',
  });
  return clientsFromConfig(kc);
}

export function clientsFromConfig(kc: KubeConfig) {
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    rbac: kc.makeApiClient(RbacAuthorizationV1Api),
    networking: kc.makeApiClient(NetworkingV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    objects: KubernetesObjectApi.makeApiClient(kc),
    version: kc.makeApiClient(VersionApi),
    coreGroup: kc.makeApiClient(CoreApi),
    apis: kc.makeApiClient(ApisApi),
  };
}

export type Clients = ReturnType<typeof clientsFor>;

/** Options that make typed patch calls send the given patch type. */
export const patchAs = (strategy: PatchStrategy) =>
  setHeaderOptions('Content-Type', strategy);

/** A `Status` body as the API server sends it. */
export interface StatusBody {
  kind: string;
  apiVersion: string;
  status: string;
  message: string;
  reason: string;
  code: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ reason: string; message: string; field?: string }>;
    retryAfterSeconds?: number;
  };
}

/** Awaits a call that must fail with `code`, and returns the Status body the server sent. */
export async function expectStatus(
  call: Promise<unknown>,
  code: number,
): Promise<StatusBody> {
  let error: unknown;
  try {
    await call;
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ApiException);
  const apiError = error as ApiException<unknown>;
  expect(apiError.code).toBe(code);
  if (apiError.body === undefined) {
    // client-node drops the body of 401 answers on typed calls.
    return {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: '',
      reason: '',
      code,
    };
  }
  const body = (
    typeof apiError.body === 'string'
      ? JSON.parse(apiError.body)
      : apiError.body
  ) as StatusBody;
  expect(body).toMatchObject({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    code,
  });
  return body;
}

/** Starts a simulator for the tests of one file and closes it afterwards. */
export function useSimulator(
  options: KubeSimulatorOptions = {},
): () => { sim: KubeSimulator; k: Clients } {
  let sim: KubeSimulator | undefined;
  let k: Clients | undefined;
  beforeAll(async () => {
    sim = await startKubeSimulator(options);
    k = clientsFor(
      sim.url,
      typeof options.tokens?.[0] === 'string' ? options.tokens[0] : undefined,
    );
  });
  afterAll(async () => {
    await sim?.close();
  });
  return () => {
    if (!sim || !k) throw new Error('the simulator has not started');
    return { sim, k };
  };
}

let counter = 0;
/** A fresh namespace name, so tests in one file do not see each other's objects. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

export function deploymentManifest(
  namespace: string,
  name: string,
  replicas = 1,
  image = 'registry.example.com/app:1.0.0',
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image }] },
      },
    },
  };
}
