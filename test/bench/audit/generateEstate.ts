import { Entity } from '@backstage/catalog-model';
import { buildNamespaceBaseline } from '@guardrails-dev/plugin-guardrails-engine';
import {
  EnvironmentDefinition,
  toBaselineSize,
} from '@guardrails-dev/plugin-guardrails-node';
import { seededRandom } from '../engine/generateWorkloads';

/** The simulated clusters, named like the default environments they belong to. */
export const CLUSTERS = ['dev', 'staging', 'prod'] as const;
export type ClusterName = (typeof CLUSTERS)[number];

/** What one audit reads: catalog entities and the objects of each cluster. */
export interface Estate {
  components: Entity[];
  /** The namespace Resources provisioning registered, one per provisioned namespace. */
  namespaceResources: Entity[];
  objects: Record<ClusterName, object[]>;
  pods: number;
  /** DatabaseClaims (custom resources of a CRD every cluster serves), one per fifth component. */
  claims: number;
}

/** The DatabaseClaim CustomResourceDefinition, as the dev portal seeds it; the example pack's claim guardrails match it. */
export const CLAIMS_DEFINITION = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'databaseclaims.platform.example.org' },
  spec: {
    group: 'platform.example.org',
    scope: 'Namespaced',
    names: { plural: 'databaseclaims', kind: 'DatabaseClaim' },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    ],
  },
};

/**
 * A deterministic estate of `components` services spread over three clusters. Each runs as a Deployment with
 * one ReplicaSet and `podsPerComponent` pods, mapped to its component the three ways the audit supports:
 * 8 in 10 by a `backstage.io/kubernetes-id` label, 1 in 10 by a label selector in a team namespace, 1 in 10 in a
 * namespace the suite provisioned for it (with its quota, limit range and default-deny policies). About a third
 * of the services violate one guardrail or more (privileged, latest tag, missing limits or probes, one replica).
 */
export function generateEstate(options: {
  components: number;
  podsPerComponent: number;
  teams: number;
  /** The environments of the clusters, whose profiles provisioned namespaces follow. */
  environments: EnvironmentDefinition[];
}): Estate {
  const random = seededRandom(20261122);
  const chance = (p: number) => random() < p;
  const objects: Record<ClusterName, object[]> = {
    dev: [],
    staging: [],
    prod: [],
  };
  const components: Entity[] = [];
  const namespaceResources: Entity[] = [];
  let pods = 0;
  let claims = 0;
  for (const cluster of CLUSTERS) objects[cluster].push(CLAIMS_DEFINITION);

  for (let team = 0; team < options.teams; team++) {
    objects[clusterOf(team)].push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: `team-${team}`,
        labels: {
          'guardrails.dev/owner': `group.default.team-${team}`,
          'guardrails.dev/cost-center': `cc-${1000 + (team % 30)}`,
        },
      },
    });
  }

  for (let i = 0; i < options.components; i++) {
    const team = i % options.teams;
    const cluster = clusterOf(team);
    const name = `svc-${i}`;
    const owner = `group:default/team-${team}`;
    const componentRef = `component:default/${name}`;
    const mapping = i % 10;
    const annotations: Record<string, string> = {};
    const workloadLabels: Record<string, string> = {
      app: name,
      'guardrails.dev/owner': `group.default.team-${team}`,
      'guardrails.dev/cost-center': `cc-${1000 + (team % 30)}`,
    };
    let namespace = `team-${team}`;
    if (mapping < 8) {
      annotations['backstage.io/kubernetes-id'] = name;
      workloadLabels['backstage.io/kubernetes-id'] = name;
    } else if (mapping === 8) {
      annotations[
        'backstage.io/kubernetes-label-selector'
      ] = `app.kubernetes.io/name=${name}`;
      annotations['backstage.io/kubernetes-namespace'] = namespace;
      workloadLabels['app.kubernetes.io/name'] = name;
    } else {
      namespace = `${name}-${cluster}`;
      const environment = options.environments.find(e =>
        e.clusters.includes(cluster),
      );
      if (!environment)
        throw new Error(`No environment holds cluster ${cluster}`);
      const baseline = buildNamespaceBaseline({
        namespace,
        environment: environment.name,
        owner,
        component: componentRef,
        costCenter: `cc-${1000 + (team % 30)}`,
        profile: environment.profile,
        size: toBaselineSize(environment.profile.sizes.small),
      });
      objects[cluster].push(baseline.namespace, ...baseline.objects);
      namespaceResources.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: namespace,
          namespace: 'default',
          annotations: {
            'backstage.io/kubernetes-namespace': namespace,
            'backstage.io/kubernetes-id': name,
            'guardrails.dev/environment': environment.name,
            'guardrails.dev/entity-ref': componentRef,
          },
        },
        spec: {
          type: 'kubernetes-namespace',
          owner,
          dependencyOf: [componentRef],
        },
      });
    }
    components.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default', annotations },
      spec: { type: 'service', lifecycle: 'production', owner },
    });

    const violating = chance(0.35);
    const replicas = violating && chance(0.1) ? 1 : options.podsPerComponent;
    const template = podTemplate(name, workloadLabels, violating, chance);
    const hash = (0x5f3759df ^ i).toString(36).slice(-8);
    const replicaSet = `${name}-${hash}`;
    objects[cluster].push(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name,
          namespace,
          labels: workloadLabels,
          uid: `uid-deploy-${i}`,
        },
        spec: { replicas, selector: { matchLabels: { app: name } }, template },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: replicaSet,
          namespace,
          labels: workloadLabels,
          uid: `uid-rs-${i}`,
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name,
              uid: `uid-deploy-${i}`,
              controller: true,
            },
          ],
        },
        spec: { replicas, selector: { matchLabels: { app: name } }, template },
      },
    );
    // Every fifth component claims a database; one claim in seven is in an unapproved region, one in eleven too large.
    if (i % 5 === 0) {
      claims += 1;
      objects[cluster].push({
        apiVersion: 'platform.example.org/v1alpha1',
        kind: 'DatabaseClaim',
        metadata: { name: `${name}-db`, namespace, labels: workloadLabels },
        spec: {
          engine: 'postgres',
          region: i % 7 === 0 ? 'us-east-1' : 'eu-west-1',
          instanceClass: i % 11 === 0 ? 'db.r6g.8xlarge' : 'db.t3.medium',
          storageGB: 20,
        },
      });
    }
    // Every component has podsPerComponent pods, so the total is exact; a one-replica Deployment is mid-rollout.
    for (let p = 0; p < options.podsPerComponent; p++) {
      pods += 1;
      objects[cluster].push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${replicaSet}-${p.toString(36).padStart(5, 'x')}`,
          namespace,
          labels: template.metadata.labels,
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: replicaSet,
              uid: `uid-rs-${i}`,
              controller: true,
            },
          ],
        },
        spec: template.spec,
      });
    }
  }
  return { components, namespaceResources, objects, pods, claims };
}

function clusterOf(team: number): ClusterName {
  return CLUSTERS[team % CLUSTERS.length];
}

function podTemplate(
  name: string,
  labels: Record<string, string>,
  violating: boolean,
  chance: (p: number) => boolean,
) {
  const bad = (p: number) => violating && chance(p);
  return {
    metadata: { labels },
    spec: {
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: !bad(0.2),
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: 'app',
          image: `registry.internal.example.com/${name}:${
            bad(0.3) ? 'latest' : '1.4.2'
          }`,
          ports: [{ containerPort: 8080 }],
          resources: bad(0.3)
            ? { requests: { cpu: '100m' } }
            : {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: '500m', memory: '512Mi' },
              },
          ...(bad(0.3)
            ? {}
            : {
                readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
                livenessProbe: { httpGet: { path: '/health', port: 8080 } },
              }),
          securityContext: {
            privileged: bad(0.15),
            allowPrivilegeEscalation: bad(0.2),
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        },
      ],
    },
  };
}
