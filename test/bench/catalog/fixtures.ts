import { Entity } from '@backstage/catalog-model';
import {
  ApiEntitySummary,
  ApiSummary,
} from '@guardrails-dev/plugin-guardrails-common';

/** Components as teams write them in catalog-info.yaml, with the location annotations the catalog adds. */
export function components(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `svc-${i}`;
    const team = `team-${i % 500}`;
    const mapping: Record<string, string> =
      i % 10 < 8
        ? { 'backstage.io/kubernetes-id': name }
        : i % 10 === 8
        ? {
            'backstage.io/kubernetes-label-selector': `app.kubernetes.io/name=${name}`,
            'backstage.io/kubernetes-namespace': team,
          }
        : {};
    const location = `url:https://github.com/example/${name}/blob/main/catalog-info.yaml`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        title: `Service ${i}`,
        description: `Service number ${i}, owned by ${team}.`,
        tags: ['java', 'rest'],
        links: [
          { url: `https://dashboards.example.com/${name}`, title: 'Dashboard' },
        ],
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'github.com/project-slug': `example/${name}`,
          'backstage.io/techdocs-ref': 'dir:.',
          ...mapping,
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/${team}`,
        system: `system-${i % 100}`,
        providesApis: [`${name}-api`],
        consumesApis: [`svc-${(i + 1) % count}-api`],
        dependsOn: [`resource:default/db-${i % 300}`],
      },
    };
  });
}

/**
 * The catalog's entities: the components and the namespace Resources provisioning registered for a tenth of them,
 * the ones each summary lists in the component's `namespaces`.
 */
export function catalogEntities(count: number): Entity[] {
  return [...components(count), ...namespaceResources(count)];
}

/**
 * `kubernetes-namespace` Resources as provisioning registers them (the scaffolder module's `namespaceEntity`), two
 * per provisioned component: its namespace in dev and in prod.
 */
function namespaceResources(count: number): Entity[] {
  const resources: Entity[] = [];
  for (let i = 9; i < count; i += 10) {
    const component = `component:default/svc-${i}`;
    const location = `url:https://github.com/example/svc-${i}/blob/main/catalog-info.yaml`;
    for (const environment of ['dev', 'prod']) {
      const name = `svc-${i}-${environment}`;
      resources.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name,
          namespace: 'default',
          title: `${name} (${environment})`,
          description: `Guarded Kubernetes namespace of ${component} in ${environment}, provisioned by Guardrails.`,
          annotations: {
            'backstage.io/managed-by-location': location,
            'backstage.io/managed-by-origin-location': location,
            'backstage.io/kubernetes-namespace': name,
            'backstage.io/kubernetes-id': `svc-${i}`,
            'guardrails.dev/environment': environment,
            'guardrails.dev/clusters': environment,
            'guardrails.dev/entity-ref': component,
          },
          tags: ['kubernetes', 'guardrails'],
        },
        spec: {
          type: 'kubernetes-namespace',
          owner: `group:default/team-${i % 500}`,
          dependencyOf: [component],
        },
      });
    }
  }
  return resources;
}

/**
 * The backend's summaries after `count` audits, one after another: a tenth of the components with provisioned
 * namespaces, one in seven violating. From audit `changingFrom` on, one component in a hundred changes status at
 * each audit (a new violation, or one fixed); before it, audits find the same statuses. As the backend does, each
 * status keeps the time of the audit that first found it.
 */
export function summaries(
  components: number,
  count: number,
  changingFrom = Infinity,
): ApiSummary[] {
  const result: ApiSummary[] = [];
  let previous: ApiSummary | undefined;
  for (let audit = 0; audit < count; audit++) {
    const auditedAt = new Date(
      Date.UTC(2026, 10, 22, 10, 5 * audit),
    ).toISOString();
    const entities: Record<string, ApiEntitySummary> = {};
    for (let i = 0; i < components; i++) {
      const ref = `component:default/svc-${i}`;
      const violating =
        i % 7 === 0 || (audit >= changingFrom && (i + audit) % 100 === 0);
      const status: ApiEntitySummary = {
        compliance: violating ? 'violating' : 'compliant',
        enforcementLevel: violating ? 'warn' : 'none',
        rolloutStage: `prod.${violating ? 'warn' : 'none'}`,
        violations: violating ? 2 : 0,
        warnings: i % 5 === 0 ? 1 : 0,
        errors: 0,
        evaluatedAt: auditedAt,
        ...(i % 10 === 9
          ? {
              namespaces: [
                `resource:default/svc-${i}-dev`,
                `resource:default/svc-${i}-prod`,
              ],
            }
          : {}),
      };
      const before = previous?.entities[ref];
      if (before && before.compliance === status.compliance) {
        status.evaluatedAt = before.evaluatedAt;
      }
      entities[ref] = status;
    }
    previous = { generatedAt: auditedAt, entities };
    result.push(previous);
  }
  return result;
}
