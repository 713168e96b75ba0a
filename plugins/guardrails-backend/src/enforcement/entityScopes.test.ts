import { ResourceRef } from '@guardrails-dev/plugin-guardrails-common';
import type { StoredResult } from '../db';
import {
  AuditedOwnership,
  auditedEntityScopes,
  exemptedEntities,
} from './entityScopes';

const PAYMENTS = 'component:default/payments';

function result(cluster: string, resource: ResourceRef): StoredResult {
  return {
    guardrail: 'pod.no-privileged',
    title: 'Containers must not run privileged',
    resource,
    result: 'pass',
    level: 'warn',
    message: '',
    severity: 'high',
    category: 'preventive',
    entityRef: PAYMENTS,
    cluster,
    environment: cluster,
    source: 'audit',
  };
}

const ownership: AuditedOwnership = {
  resultsForEntity: async ref =>
    ref === PAYMENTS
      ? [
          result('prod', {
            apiVersion: 'v1',
            kind: 'Namespace',
            name: 'payments',
          }),
          result('prod', {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: 'payments',
            name: 'api',
          }),
          result('prod', {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: 'shared',
            name: 'payments-cron',
          }),
          result('prod', {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRole',
            name: 'payments',
          }),
          result('dev', {
            apiVersion: 'v1',
            kind: 'Namespace',
            name: 'payments-dev',
          }),
        ]
      : [],
  provisionedNamespaces: async () => [
    {
      cluster: 'prod',
      namespace: 'payments-batch',
      environment: 'prod',
      entityRef: PAYMENTS,
    },
    {
      cluster: 'prod',
      namespace: 'orders',
      environment: 'prod',
      entityRef: 'component:default/orders',
    },
  ],
};

describe('auditedEntityScopes', () => {
  it("gives an entity's namespaces whole and its other objects by name, in one cluster", async () => {
    expect(
      await auditedEntityScopes(ownership, 'prod', [
        PAYMENTS,
        'component:default/ghost',
      ]),
    ).toEqual({
      [PAYMENTS]: {
        namespaces: ['payments', 'payments-batch'],
        resources: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'payments-cron',
            namespace: 'shared',
          },
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRole',
            name: 'payments',
          },
        ],
      },
    });
    expect(await auditedEntityScopes(ownership, 'dev', [PAYMENTS])).toEqual({
      [PAYMENTS]: { namespaces: ['payments-dev'] },
    });
  });
});

describe('exemptedEntities', () => {
  const exemption = (
    entity: string | undefined,
    expiresAt: string,
    environments?: string[],
  ) => ({
    name: `${entity}-${expiresAt}`,
    guardrails: ['pod.no-privileged'],
    scope: {
      ...(entity ? { entity } : { namespaces: ['tools'] }),
      ...(environments ? { environments } : {}),
    },
    reason: 'migration' as const,
    justification: 'j',
    owner: 'group:default/a',
    approvedBy: 'user:default/b',
    expiresAt,
  });

  it('names the entities of exemptions active in the environments, once each', () => {
    const at = new Date('2027-01-15T00:00:00Z');
    expect(
      exemptedEntities(
        [
          exemption('Component:default/Payments', '2027-02-01T00:00:00Z'),
          exemption(PAYMENTS, '2027-03-01T00:00:00Z', ['prod']),
          exemption('component:default/orders', '2027-01-15T00:00:00Z'),
          exemption('component:default/search', '2027-02-01T00:00:00Z', [
            'dev',
          ]),
          exemption(undefined, '2027-02-01T00:00:00Z'),
        ],
        ['prod'],
        at,
      ),
    ).toEqual([PAYMENTS]);
  });
});
