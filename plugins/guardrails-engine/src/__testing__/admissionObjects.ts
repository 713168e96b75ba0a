import { KubernetesManifest } from '../manifests/kubernetesObject';

/** The label the table's guardrails deny. */
export const BAD = { bad: 'true' };

export function namespace(
  name: string,
  environment: string,
  extra: Partial<KubernetesManifest['metadata']> = {},
): KubernetesManifest {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      ...extra,
      labels: { 'guardrails.dev/environment': environment, ...extra?.labels },
    },
  };
}

export function configMap(name: string, ns: string): KubernetesManifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns, labels: BAD },
  };
}

export function clusterRole(name: string): KubernetesManifest {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: BAD },
    rules: [],
  };
}

const podSpec = { containers: [{ name: 'app', image: 'nginx:1.27' }] };

function owner(apiVersion: string, kind: string, name: string) {
  return [{ apiVersion, kind, name, uid: `${name}-uid`, controller: true }];
}

function template(app: string, extra: Record<string, string> = {}) {
  return {
    metadata: { labels: { app, ...extra, ...BAD } },
    spec: podSpec,
  };
}

/** A Deployment with the ReplicaSet and Pod its controllers create. */
export function deploymentChain(name: string, ns: string) {
  const hash = '7d9f8b';
  const selector = { matchLabels: { app: name } };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns },
      spec: { selector, template: template(name) },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-${hash}`,
        namespace: ns,
        ownerReferences: owner('apps/v1', 'Deployment', name),
      },
      spec: {
        selector,
        template: template(name, { 'pod-template-hash': hash }),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name}-${hash}-x2x4z`,
        namespace: ns,
        labels: { app: name, 'pod-template-hash': hash, ...BAD },
        ownerReferences: owner('apps/v1', 'ReplicaSet', `${name}-${hash}`),
      },
      spec: podSpec,
    },
  ] as KubernetesManifest[];
}

/** A CronJob with the Job and Pod its controllers create. */
export function cronJobChain(name: string, ns: string) {
  const job = `${name}-28912345`;
  return [
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name, namespace: ns },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: { spec: { template: template(name) } },
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: job,
        namespace: ns,
        ownerReferences: owner('batch/v1', 'CronJob', name),
      },
      spec: { template: template(name) },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${job}-abcde`,
        namespace: ns,
        labels: { app: name, ...BAD },
        ownerReferences: owner('batch/v1', 'Job', job),
      },
      spec: podSpec,
    },
  ] as KubernetesManifest[];
}

/** A StatefulSet with a Pod it creates. */
export function statefulSetChain(name: string, ns: string) {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name, namespace: ns },
      spec: {
        serviceName: name,
        selector: { matchLabels: { app: name } },
        template: template(name),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name}-0`,
        namespace: ns,
        labels: { app: name, ...BAD },
        ownerReferences: owner('apps/v1', 'StatefulSet', name),
      },
      spec: podSpec,
    },
  ] as KubernetesManifest[];
}
