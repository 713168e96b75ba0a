import type { ApiEntityUsage } from '@guardrails-dev/plugin-guardrails-common';

/**
 * payments-api's quota use: dev without a quota, staging read from a stale audit, prod in two clusters (one near
 * its CPU limit and over its pods, one never read) and a resource whose use the quota does not report.
 */
export const usage: ApiEntityUsage = {
  entityRef: 'component:default/payments-api',
  environments: [
    {
      environment: 'dev',
      cluster: 'dev-1',
      namespace: 'payments-api-dev',
      size: 'small',
      data: 'ok',
      observedAt: '2026-12-21T23:00:00.000Z',
      quotas: [],
    },
    {
      environment: 'staging',
      cluster: 'staging-1',
      namespace: 'payments-api-staging',
      data: 'stale',
      error: 'NetworkError (ETIMEDOUT: connection timed out)',
      observedAt: '2026-12-20T08:00:00.000Z',
      quotas: [
        {
          name: 'guardrails-quota',
          resources: [
            {
              resource: 'requests.memory',
              hard: '4Gi',
              used: '1Gi',
              share: 0.25,
            },
          ],
        },
      ],
    },
    {
      environment: 'prod',
      cluster: 'prod-eu-1',
      namespace: 'payments-api-prod',
      size: 'large',
      data: 'ok',
      observedAt: '2026-12-21T23:00:00.000Z',
      quotas: [
        {
          name: 'guardrails-quota',
          resources: [
            {
              resource: 'requests.cpu',
              hard: '4',
              used: '3800m',
              share: 0.95,
            },
            { resource: 'pods', hard: '20', used: '24', share: 1.2 },
            {
              resource: 'requests.memory',
              hard: '8Gi',
              used: null,
              share: null,
            },
          ],
        },
      ],
    },
    {
      environment: 'prod',
      cluster: 'prod-us-1',
      namespace: 'payments-api-prod',
      data: 'missing',
      error: 'NetworkError (ECONNREFUSED: connection refused)',
      quotas: [],
    },
  ],
};
