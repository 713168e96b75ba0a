import { Exemption } from '@guardrails-dev/plugin-guardrails-common';
import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import { exportValidatingAdmissionPolicies, parsePack } from '../index';

const AT = new Date('2027-06-01T00:00:00Z');
const { pack } = parsePack(
  [
    {
      path: 'pods.yaml',
      content: yamlDocuments(
        guardrailDocument('pod.no-privileged', {
          rollout: { dev: [{ level: 'warn' }], prod: [{ level: 'warn' }] },
        }),
      ),
    },
  ],
  { now: AT },
);

function exemption(
  name: string,
  scope: Exemption['scope'],
  expiresAt = '2027-07-01T00:00:00Z',
): Exemption {
  return {
    name,
    guardrails: ['pod.no-privileged'],
    scope,
    reason: 'vendor',
    justification: 'The vendor image runs privileged until its next release.',
    owner: 'group:default/shop',
    approvedBy: 'user:default/lead',
    expiresAt,
  };
}

function exportWith(exemptions: Exemption[], entityScopes = {}) {
  const { objects, unresolvedExemptions } = exportValidatingAdmissionPolicies(
    pack,
    { environments: ['dev', 'prod'], at: AT, exemptions, entityScopes },
  );
  const [policy, dev, prod] = objects as any[];
  return { policy, dev, prod, unresolvedExemptions };
}

describe('exemptions in the admission export', () => {
  it('put namespaces in the binding selector and named resources in its exclusions, per environment', () => {
    const { policy, dev, prod } = exportWith([
      exemption('legacy-namespaces', { namespaces: ['legacy', 'old'] }),
      exemption('vendor-agent', {
        environments: ['prod'],
        resources: [
          { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent' },
        ],
      }),
      exemption('gone', { namespaces: ['gone'] }, '2027-05-01T00:00:00Z'),
    ]);
    expect(prod.metadata.annotations['guardrails.dev/exemptions']).toBe(
      'legacy-namespaces,vendor-agent',
    );
    expect(prod.spec.matchResources).toEqual({
      namespaceSelector: {
        matchLabels: { 'guardrails.dev/environment': 'prod' },
        matchExpressions: [
          {
            key: 'kubernetes.io/metadata.name',
            operator: 'NotIn',
            values: ['legacy', 'old'],
          },
        ],
      },
      excludeResourceRules: [
        {
          apiGroups: ['apps'],
          apiVersions: ['v1'],
          operations: ['*'],
          resources: ['daemonsets'],
          resourceNames: ['agent'],
          scope: '*',
        },
      ],
    });
    expect(dev.metadata.annotations['guardrails.dev/exemptions']).toBe(
      'legacy-namespaces',
    );
    expect(dev.spec.matchResources.excludeResourceRules).toBeUndefined();
    // The DaemonSet's pods are left out by the policy's match condition.
    expect(policy.spec.matchConditions).toEqual([
      {
        name: 'guardrails-exemptions',
        expression: expect.stringContaining('o.kind == "DaemonSet"'),
      },
    ]);
  });

  it('put a resource in a namespace in the policy match condition, and report entities it cannot place', () => {
    const { policy, prod, unresolvedExemptions } = exportWith(
      [
        exemption('one-pod', {
          resources: [{ kind: 'Pod', name: 'debug', namespace: 'shop' }],
        }),
        exemption('payments', { entity: 'component:default/payments' }),
      ],
      { 'component:default/shop': { namespaces: ['shop'] } },
    );
    expect(policy.spec.matchConditions[0].expression).toContain(
      '"debug" && (request.kind.group == "" && request.kind.kind == "Namespace"',
    );
    expect(prod.metadata.annotations['guardrails.dev/exemptions']).toBe(
      'one-pod',
    );
    expect(unresolvedExemptions).toEqual([
      {
        exemption: 'payments',
        reason:
          'its entity component:default/payments has no known namespaces or resources in the cluster, so admission does not exclude it',
      },
    ]);
  });

  it('leave policies and bindings as they were without exemptions', () => {
    const { policy, prod } = exportWith([]);
    expect(policy.spec.matchConditions).toBeUndefined();
    expect(prod.metadata.annotations).toEqual({
      'guardrails.dev/guardrail-id': 'pod.no-privileged',
    });
    expect(prod.spec.matchResources).toEqual({
      namespaceSelector: {
        matchLabels: { 'guardrails.dev/environment': 'prod' },
      },
    });
  });
});
