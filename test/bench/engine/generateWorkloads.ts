import { KubernetesManifest } from '@guardrails-dev/plugin-guardrails-engine';

/** A small deterministic pseudo-random generator (mulberry32), so every run measures the same input. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['Deployment', 'StatefulSet', 'Pod', 'CronJob'] as const;
const REGISTRIES = [
  'registry.internal.example.com',
  'ghcr.io/example',
  'docker.io/library',
];

/**
 * Pod-bearing objects of every kind the benchmark covers, most of them
 * compliant and about a third violating one or more default guardrails
 * (privileged, root, latest tag, missing limits or probes, host paths,
 * secret-looking literals, a single replica, the default namespace).
 */
export function generateWorkloads(
  count: number,
  seed = 20261122,
): KubernetesManifest[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]) =>
    values[Math.floor(random() * values.length)];
  const chance = (p: number) => random() < p;
  const objects: KubernetesManifest[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length];
    const violating = chance(0.35);
    const namespace = violating && chance(0.1) ? 'default' : `team-${i % 200}`;
    const name = `${kind.toLowerCase()}-${i}`;
    const labels = {
      app: name,
      'guardrails.dev/owner': `group.default.team-${i % 50}`,
      'guardrails.dev/cost-center': `cc-${1000 + (i % 30)}`,
    };
    const containerCount = 1 + Math.floor(random() * 3);
    const containers = Array.from({ length: containerCount }, (_, c) => {
      const bad = violating && chance(0.6);
      return {
        name: `c${c}`,
        image: `${bad && chance(0.3) ? pick(REGISTRIES) : REGISTRIES[0]}/svc-${
          i % 97
        }:${bad && chance(0.3) ? 'latest' : `1.${i % 20}.${c}`}`,
        ports: [{ containerPort: 8080 + c, protocol: 'TCP' }],
        env: [
          { name: 'LOG_LEVEL', value: pick(['info', 'debug', 'warn']) },
          bad && chance(0.2)
            ? { name: 'DB_PASSWORD', value: 'hunter2' }
            : {
                name: 'DB_PASSWORD',
                valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
              },
        ],
        resources:
          bad && chance(0.3)
            ? { requests: { cpu: '100m' } }
            : {
                requests: {
                  cpu: `${50 + (i % 10) * 50}m`,
                  memory: `${64 * (1 + (i % 4))}Mi`,
                },
                limits: {
                  cpu: `${1 + (i % 2)}`,
                  memory: `${256 * (1 + (i % 4))}Mi`,
                },
              },
        securityContext: {
          allowPrivilegeEscalation: bad && chance(0.3),
          readOnlyRootFilesystem: !(bad && chance(0.5)),
          capabilities: { drop: bad && chance(0.3) ? [] : ['ALL'] },
          ...(bad && chance(0.2) ? { privileged: true } : {}),
        },
        ...(bad && chance(0.3)
          ? {}
          : {
              livenessProbe: { httpGet: { path: '/healthz', port: 8080 + c } },
              readinessProbe: { httpGet: { path: '/readyz', port: 8080 + c } },
            }),
      };
    });
    const podSpec = {
      securityContext: {
        runAsNonRoot: !(violating && chance(0.3)),
        runAsUser: 10001,
      },
      containers,
      ...(violating && chance(0.1) ? { hostNetwork: true } : {}),
      volumes:
        violating && chance(0.15)
          ? [{ name: 'host', hostPath: { path: '/var/run' } }]
          : [{ name: 'tmp', emptyDir: {} }],
    };
    const template = { metadata: { labels }, spec: podSpec };
    const metadata = { name, namespace, labels };
    const replicas = violating && chance(0.4) ? 1 : 2 + (i % 3);
    switch (kind) {
      case 'Deployment':
        objects.push({
          apiVersion: 'apps/v1',
          kind,
          metadata,
          spec: {
            replicas,
            selector: { matchLabels: { app: name } },
            template,
          },
        });
        break;
      case 'StatefulSet':
        objects.push({
          apiVersion: 'apps/v1',
          kind,
          metadata,
          spec: {
            replicas,
            serviceName: name,
            selector: { matchLabels: { app: name } },
            template,
          },
        });
        break;
      case 'CronJob':
        objects.push({
          apiVersion: 'batch/v1',
          kind,
          metadata,
          spec: {
            schedule: '*/15 * * * *',
            jobTemplate: {
              spec: {
                template: {
                  ...template,
                  spec: { ...podSpec, restartPolicy: 'OnFailure' },
                },
              },
            },
          },
        });
        break;
      default:
        objects.push({ apiVersion: 'v1', kind, metadata, spec: podSpec });
    }
  }
  return objects;
}
