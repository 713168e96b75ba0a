import { KubeSimulator } from '@guardrails-dev/kube-simulator';
import { startSimulatedCluster } from '../__testUtils__/simulatedCluster';
import { ClusterAccess } from './ClusterAccess';
import {
  ClusterConflictError,
  ClusterRequestError,
} from './ClusterRequestError';
import type { V1Deployment, V1Namespace } from '@kubernetes/client-node';
import { ClusterClient } from './types';

const deployment = (
  replicas: number,
  image = 'registry.example.com/api:1.0',
): V1Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'api',
    namespace: 'payments-api-prod',
    labels: { app: 'api' },
  },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: { containers: [{ name: 'api', image }] },
    },
  },
});

describe('ClusterClient writes', () => {
  let simulator: KubeSimulator;
  let access: ClusterAccess;
  let client: ClusterClient;

  beforeEach(async () => {
    ({ simulator, access } = await startSimulatedCluster({
      objects: [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'payments-api-prod' },
        },
      ],
    }));
    client = access.forCluster('dev');
  });

  afterEach(() => simulator.close());

  it('reports created, unchanged and updated', async () => {
    const created = await client.apply(deployment(2));
    expect(created.outcome).toBe('created');
    expect(created.object).toMatchObject({
      metadata: { name: 'api', namespace: 'payments-api-prod' },
      spec: { replicas: 2 },
    });

    const again = await client.apply(deployment(2));
    expect(again.outcome).toBe('unchanged');
    expect(again.object.metadata?.resourceVersion).toBe(
      created.object.metadata?.resourceVersion,
    );

    const changed = await client.apply(deployment(3));
    expect(changed.outcome).toBe('updated');

    const [stored] = simulator.listObjects(
      'apps/v1',
      'Deployment',
      'payments-api-prod',
    ) as V1Deployment[];
    expect(stored.spec).toMatchObject({ replicas: 3 });
  });

  it('applies with field manager backstage-guardrails as apply-patch+yaml', async () => {
    const { object } = await client.apply(deployment(1));
    const managers = (
      object.metadata?.managedFields as Array<{
        manager: string;
        operation: string;
      }>
    ).map(f => [f.manager, f.operation]);
    expect(managers).toEqual([['backstage-guardrails', 'Apply']]);
  });

  it('applies an object read back from the cluster as is', async () => {
    await client.apply(deployment(2));
    const read = await client.get(
      'apps/v1',
      'Deployment',
      'api',
      'payments-api-prod',
    );
    const result = await client.apply(read!);
    expect(result.outcome).toBe('unchanged');
  });

  it('dry-runs without persisting and still tells the outcome', async () => {
    const dryCreate = await client.apply(deployment(2), { dryRun: true });
    expect(dryCreate.outcome).toBe('created');
    expect(
      simulator.listObjects('apps/v1', 'Deployment', 'payments-api-prod'),
    ).toEqual([]);

    await client.apply(deployment(2));
    expect((await client.apply(deployment(2), { dryRun: true })).outcome).toBe(
      'unchanged',
    );
    expect((await client.apply(deployment(5), { dryRun: true })).outcome).toBe(
      'updated',
    );
    const [stored] = simulator.listObjects(
      'apps/v1',
      'Deployment',
      'payments-api-prod',
    ) as V1Deployment[];
    expect(stored.spec).toMatchObject({ replicas: 2 });
  });

  it('returns a typed conflict naming cluster, object and status when another manager owns a field, without retrying', async () => {
    await client.apply(deployment(2));
    // kubectl takes over spec.replicas, as `kubectl scale --server-side` would.
    const response = await fetch(
      `${simulator.url}/apis/apps/v1/namespaces/payments-api-prod/deployments/api?fieldManager=kubectl&force=true`,
      {
        method: 'PATCH',
        headers: {
          'Content-Type': 'application/apply-patch+yaml',
          Authorization: 'Bearer guardrails-test-token',
        },
        body: JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'api', namespace: 'payments-api-prod' },
          spec: { replicas: 7 },
        }),
      },
    );
    expect(response.status).toBe(200);
    simulator.resetRequestLog();

    const error = await client.apply(deployment(4)).catch(e => e);

    expect(error).toBeInstanceOf(ClusterConflictError);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error.name).toBe('ConflictError');
    expect(error).toMatchObject({
      cluster: 'dev',
      verb: 'apply',
      target: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'payments-api-prod',
        name: 'api',
      },
      status: 409,
      reason: 'Conflict',
      attempts: 1,
    });
    expect(error.message).toMatch(
      /^Cluster 'dev': apply Deployment payments-api-prod\/api failed: 409 Conflict \(.*kubectl.*\.spec\.replicas.*\)$/,
    );
    expect(simulator.requests.byMethod.PATCH).toBe(1);

    const forced = await client.apply(deployment(4), { force: true });
    expect(forced.outcome).toBe('updated');
    expect((forced.object as V1Deployment).spec).toMatchObject({ replicas: 4 });
  });

  it('creates, and answers undefined without writing when the object exists', async () => {
    const namespace = (labels: Record<string, string>): V1Namespace => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'payments-api-dev', labels },
    });
    const created = await client.create(namespace({ team: 'payments' }));
    expect(created?.metadata).toMatchObject({
      name: 'payments-api-dev',
      labels: { team: 'payments' },
      managedFields: [{ manager: 'backstage-guardrails', operation: 'Update' }],
    });

    simulator.resetRequestLog();
    await expect(client.create(namespace({ team: 'other' }))).resolves.toBe(
      undefined,
    );
    expect(simulator.requests.byMethod.POST).toBe(1);
    const [stored] = (
      simulator.listObjects('v1', 'Namespace') as V1Namespace[]
    ).filter(n => n.metadata?.name === 'payments-api-dev');
    expect(stored.metadata?.labels).toMatchObject({ team: 'payments' });
    expect(stored.metadata?.resourceVersion).toBe(
      created!.metadata?.resourceVersion,
    );
  });

  it('hands created fields to the apply manager, so a later apply can drop them', async () => {
    const namespace = (labels: Record<string, string>): V1Namespace => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'payments-api-dev', labels },
    });
    const created = await client.create(
      namespace({ team: 'payments', tier: 'gold' }),
    );
    const configuration = namespace({ team: 'payments', tier: 'gold' });
    const upgraded = await client.upgradeToApply(created!, configuration);
    // The label the server set on create stays with the create's entry: applies never set it.
    const entries = upgraded.metadata?.managedFields as Array<{
      operation: string;
      fieldsV1: { 'f:metadata'?: { 'f:labels'?: Record<string, object> } };
    }>;
    const labelsOwnedBy = (operation: string) =>
      Object.keys(
        entries.find(e => e.operation === operation)?.fieldsV1['f:metadata']?.[
          'f:labels'
        ] ?? {},
      ).filter(key => key !== '.');
    expect(labelsOwnedBy('Apply')).toEqual(['f:team', 'f:tier']);
    expect(labelsOwnedBy('Update')).toEqual(['f:kubernetes.io/metadata.name']);
    // Nothing left to move: no request.
    simulator.resetRequestLog();
    await expect(client.upgradeToApply(upgraded, configuration)).resolves.toBe(
      upgraded,
    );
    expect(simulator.requests.total).toBe(0);

    const { object } = await client.apply(
      namespace({ team: 'payments', tier: 'silver' }),
    );
    expect(object.metadata?.labels).toEqual({
      'kubernetes.io/metadata.name': 'payments-api-dev',
      team: 'payments',
      tier: 'silver',
    });
    const dropped = await client.apply(namespace({ team: 'payments' }));
    expect(dropped.object.metadata?.labels).toEqual({
      'kubernetes.io/metadata.name': 'payments-api-dev',
      team: 'payments',
    });
  });

  it('refuses to move ownership of an object that changed since it was read', async () => {
    const created = await client.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'payments-api-dev', labels: { team: 'payments' } },
    });
    await client.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'payments-api-dev', labels: { extra: 'yes' } },
    });
    const error = await client
      .upgradeToApply(created!, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'payments-api-dev', labels: { team: 'payments' } },
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error).toMatchObject({ verb: 'patch', status: 422 });
    expect(error.message).toMatch(
      /^Cluster 'dev': patch Namespace payments-api-dev failed: 422/,
    );
  });

  it('deletes, and says when there was nothing to delete', async () => {
    await client.apply(deployment(1));
    await expect(
      client.delete('apps/v1', 'Deployment', 'api', 'payments-api-prod'),
    ).resolves.toBe(true);
    expect(
      simulator.listObjects('apps/v1', 'Deployment', 'payments-api-prod'),
    ).toEqual([]);
    await expect(
      client.delete('apps/v1', 'Deployment', 'api', 'payments-api-prod'),
    ).resolves.toBe(false);
  });

  it('refuses objects it cannot address', async () => {
    await expect(
      client.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {},
      }),
    ).rejects.toThrow('apply needs a ConfigMap with metadata.name');
    await expect(
      client.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'x' },
      }),
    ).rejects.toThrow("ConfigMap 'x' is namespaced; give its namespace");
    expect(simulator.requests.total).toBe(0);
  });
});
