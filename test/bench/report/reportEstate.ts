import { Entity } from '@backstage/catalog-model';
import { CLUSTERS, ClusterName } from '../audit/generateEstate';

/** The guardrails of the benchmark's pack: the IDs of pod and workload guardrails a real pack has. */
export const GUARDRAILS = [
  'pod.no-privileged',
  'pod.run-as-non-root',
  'pod.no-privilege-escalation',
  'pod.resource-limits',
  'pod.resource-requests',
  'pod.health-probes',
  'image.no-latest-tag',
  'image.approved-registries',
  'workload.min-replicas',
  'workload.pod-disruption-budget',
];

const TEAMS = 500;
const BREAKS = 'bench.guardrails.dev/breaks';

/**
 * `entities` components, each running two Deployments in two of the three clusters: one that breaks every guardrail
 * of the pack and one that passes them all. One audit then stores, per entity, as many violations as passing
 * results, one violation for each guardrail; the violations are blocks in prod and warnings elsewhere.
 */
export function reportEstate(entities: number): {
  components: Entity[];
  objects: Record<ClusterName, object[]>;
} {
  const objects: Record<ClusterName, object[]> = {
    dev: [],
    staging: [],
    prod: [],
  };
  for (const cluster of CLUSTERS) {
    for (let team = 0; team < TEAMS; team++) {
      objects[cluster].push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `team-${team}` },
      });
    }
  }
  const components: Entity[] = [];
  for (let e = 0; e < entities; e++) {
    const name = `svc-${e}`;
    const namespace = `team-${e % TEAMS}`;
    components.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'backstage.io/kubernetes-id': name },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/${namespace}`,
      },
    });
    objects[CLUSTERS[e % CLUSTERS.length]].push(
      deployment(name, namespace, name, true),
    );
    objects[CLUSTERS[(e + 1) % CLUSTERS.length]].push(
      deployment(`${name}-worker`, namespace, name, false),
    );
  }
  return { components, objects };
}

function deployment(
  name: string,
  namespace: string,
  kubernetesId: string,
  breaks: boolean,
) {
  const labels = { app: name, 'backstage.io/kubernetes-id': kubernetesId };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      labels,
      ...(breaks ? { annotations: { [BREAKS]: 'all' } } : {}),
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'app', image: 'registry.example.com/app:1.0' }],
        },
      },
    },
  };
}

/** The pack (YAML): each guardrail fails on the Deployments marked as breaking it and passes on the others. */
export function reportPack(): string {
  return GUARDRAILS.map(id =>
    [
      'apiVersion: guardrails.dev/v1alpha1',
      'kind: Guardrail',
      `metadata: { name: ${id} }`,
      'spec:',
      `  title: Guardrail ${id}`,
      '  category: preventive',
      '  severity: high',
      `  rationale: Why ${id} exists.`,
      `  remediation: How to meet ${id}.`,
      '  match:',
      '    resources:',
      '      - { apiGroups: [apps], kinds: [Deployment] }',
      '  validations:',
      `    - expression: "!has(object.metadata.annotations) || !('${BREAKS}' in object.metadata.annotations)"`,
      `      messageExpression: "'container app of ' + object.metadata.name + ' breaks ${id}'"`,
      '  rollout:',
      '    dev: [{ level: warn }]',
      '    staging: [{ level: warn }]',
      "    prod: [{ level: observe }, { level: warn, from: '2020-01-01' }, { level: block, from: '2020-02-01' }]",
    ].join('\n'),
  ).join('\n---\n');
}
