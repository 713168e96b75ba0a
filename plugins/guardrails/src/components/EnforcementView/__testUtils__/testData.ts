import type {
  ApiClusterEnforcement,
  ApiEnforcementChange,
  ApiEnforcementDryRun,
  ApiEnforcementEnvironment,
  ApiEnforcementState,
} from '@guardrails-dev/plugin-guardrails-common';

/** Answers of the enforcement routes for the view's tests; the backend's instant is 2026-12-22 00:00 UTC. */
export const GENERATED_AT = '2026-12-22T00:00:00.000Z';

export const prod: ApiEnforcementEnvironment = {
  environment: 'prod',
  mode: 'sync',
  paused: false,
};

export const prodPaused: ApiEnforcementEnvironment = {
  ...prod,
  paused: true,
  pausedAt: '2026-12-21T23:50:00.000Z',
  pausedBy: 'user:default/jane',
  reason: 'INC-4711: deploys blocked by a bad rollout',
};

/** A change of prod's binding of pod.no-privileged, with `overrides`. */
function bindingChange(
  overrides: Partial<ApiEnforcementChange>,
): ApiEnforcementChange {
  return {
    kind: 'ValidatingAdmissionPolicyBinding',
    name: 'guardrails.pod.no-privileged.prod',
    guardrail: 'pod.no-privileged',
    environment: 'prod',
    change: 'update',
    ...overrides,
  };
}

const binding = {
  guardrail: 'pod.no-privileged',
  environment: 'prod',
  policy: 'guardrails.pod.no-privileged',
  binding: 'guardrails.pod.no-privileged.prod',
  level: 'warn' as const,
  actions: ['Warn' as const, 'Audit' as const],
  paused: false,
};

/** Synced a minute ago: one binding at warn, prod starts blocking privileged containers on 2027-02-01. */
export const inSync: ApiClusterEnforcement = {
  cluster: 'prod-eu-1',
  environments: ['prod'],
  syncing: ['prod'],
  status: 'ok',
  stale: false,
  lastSync: {
    syncedAt: '2026-12-21T23:59:00.000Z',
    result: 'ok',
    changes: [],
    drift: [
      {
        kind: 'ValidatingAdmissionPolicyBinding',
        name: 'guardrails.pod.no-privileged.prod',
        drift: 'edited',
        fields: ['spec.validationActions'],
      },
    ],
  },
  enforced: [binding],
  nextChange: {
    at: '2027-02-01T00:00:00.000Z',
    stages: [
      {
        guardrail: 'pod.no-privileged',
        environment: 'prod',
        from: 'warn',
        to: 'block',
        actions: ['Deny'],
      },
    ],
    expiringExemptions: ['ledger-vendor-db'],
  },
  recentChanges: [
    {
      ...bindingChange({
        drift: 'edited',
        oldActions: ['Audit'],
        newActions: ['Warn', 'Audit'],
      }),
      changedAt: '2026-12-21T23:59:00.000Z',
    },
  ],
};

/** The same cluster with its prod bindings paused (audit only). */
export const pausedInCluster: ApiClusterEnforcement = {
  ...inSync,
  enforced: [{ ...binding, actions: ['Audit'], paused: true }],
};

export const failing: ApiClusterEnforcement = {
  ...inSync,
  cluster: 'prod-us-1',
  status: 'failed',
  reason:
    "Cluster 'prod-us-1': list ValidatingAdmissionPolicyBinding failed: 503 ServiceUnavailable",
  lastSync: {
    syncedAt: '2026-12-21T23:58:00.000Z',
    result: 'failed',
    reason:
      "Cluster 'prod-us-1': list ValidatingAdmissionPolicyBinding failed: 503 ServiceUnavailable",
    changes: [],
    drift: [],
  },
  recentChanges: [],
};

const bare = {
  enforced: [],
  recentChanges: [],
  stale: false,
};

export const neverSynced: ApiClusterEnforcement = {
  ...bare,
  cluster: 'dev-1',
  environments: ['dev'],
  syncing: ['dev'],
  status: 'unknown',
  reason: 'Not synced yet',
};

export const stale: ApiClusterEnforcement = {
  ...bare,
  cluster: 'dev-2',
  environments: ['dev'],
  syncing: ['dev'],
  status: 'ok',
  stale: true,
  lastSync: {
    syncedAt: '2026-12-21T22:00:00.000Z',
    result: 'ok',
    changes: [],
    drift: [],
  },
};

export const off: ApiClusterEnforcement = {
  ...bare,
  cluster: 'staging-1',
  environments: ['staging'],
  syncing: [],
  status: 'off',
  reason:
    'Enforcement of staging is off (guardrails.enforcement): admission is left to GitOps',
};

export function enforcementState(
  clusters: ApiClusterEnforcement[],
  environments: ApiEnforcementEnvironment[] = [
    prod,
    { environment: 'dev', mode: 'sync', paused: false },
    { environment: 'staging', mode: 'off', paused: false },
  ],
): ApiEnforcementState {
  return { generatedAt: GENERATED_AT, environments, clusters };
}

export const dryRun: ApiEnforcementDryRun = {
  at: GENERATED_AT,
  clusters: [
    {
      cluster: 'prod-eu-1',
      status: 'ok',
      changes: [
        {
          ...bindingChange({
            oldActions: ['Warn', 'Audit'],
            newActions: ['Deny'],
          }),
          fields: ['spec.validationActions'],
        },
        {
          ...bindingChange({
            name: 'guardrails.pod.host-network.prod',
            guardrail: 'pod.host-network',
            change: 'delete',
            oldActions: ['Audit'],
          }),
          fields: [],
        },
      ],
      unmanaged: [
        {
          kind: 'ValidatingAdmissionPolicy',
          name: 'guardrails.namespace.deletion',
        },
      ],
    },
    {
      cluster: 'prod-us-1',
      status: 'failed',
      reason:
        "Cluster 'prod-us-1': list ValidatingAdmissionPolicy failed: timeout after 10s",
      changes: [],
      unmanaged: [],
    },
    { cluster: 'dev-1', status: 'ok', changes: [], unmanaged: [] },
    { cluster: 'staging-1', status: 'off', changes: [], unmanaged: [] },
  ],
};
