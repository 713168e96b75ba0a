/*
 * Wall time of provisioning one guarded namespace against a cluster that answers every request
 * after 50 ms, in round trips (wall time / 50 ms), and against applying the same objects one
 * after another. Target: at most 3 round trips.
 *
 *   source .ci/setup/node22.sh
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs test/bench/provision/provision.bench.ts
 */
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startSimulatorProcess } from './simulatorProcess';
import { buildNamespaceBaseline } from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterAccess,
  quotaToHard,
} from '@guardrails-dev/plugin-guardrails-node';
import { createNamespaceProvisionAction } from '@guardrails-dev/plugin-scaffolder-backend-module-guardrails';

const LATENCY_MS = 50;
const TOKEN = 'bench-token';
const RUNS = 5;

const silent = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silent;
  },
};

const profile = {
  podSecurity: 'restricted',
  networkPolicy: 'deny-all',
  ownerRole: 'view',
  sizes: {
    small: {
      quota: {
        requests: { cpu: '2', memory: '4Gi' },
        limits: { cpu: '4', memory: '8Gi' },
        pods: 20,
      },
      limitRange: {
        defaultRequest: { cpu: '100m', memory: '128Mi' },
        default: { cpu: '500m', memory: '512Mi' },
      },
    },
  },
};

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

/**
 * The catalog as provisioning asks it (`POST /entities/by-refs`): the component exists and is owned by payments,
 * so every run also pays for the owner check. It answers without added latency, as a catalog next to the backend.
 */
async function startCatalog(): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ items: [component] }));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const simulator = await startSimulatorProcess({ name: 'prod', token: TOKEN });
  const catalog = await startCatalog();
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'prod',
              url: simulator.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: TOKEN,
            },
          ],
        },
      ],
    },
    guardrails: {
      environments: { prod: { clusters: ['prod'], profile } },
    },
  });
  const clusters = ClusterAccess.fromConfig(config, { logger: silent });
  const action = createNamespaceProvisionAction({
    clusters,
    permissions: {
      authorize: async () => [{ result: AuthorizeResult.ALLOW }],
      authorizeConditional: async () => [{ result: AuthorizeResult.ALLOW }],
    },
    auditor: {
      createEvent: async () => ({
        success: async () => {},
        fail: async () => {},
      }),
    },
    discovery: {
      getBaseUrl: async () => catalog.url,
      getExternalBaseUrl: async () => catalog.url,
    },
    auth: mockServices.auth(),
  } as any);

  const provision = async (namespace: string, dryRun = false) => {
    const outputs: Record<string, unknown> = {};
    const started = performance.now();
    await action.handler({
      input: {
        owner: 'group:default/payments',
        component: 'component:default/payments-api',
        namespace,
        environment: 'prod',
        size: 'small',
        costCenter: 'cc-1234',
      },
      isDryRun: dryRun,
      logger: silent,
      workspacePath: '/tmp',
      output: (name: string, value: unknown) => {
        outputs[name] = value;
      },
      checkpoint: async ({ fn }: { fn: () => unknown }) => fn(),
      getInitiatorCredentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/ada' },
      }),
      createTemporaryDirectory: async () => '/tmp',
      task: { id: 'bench' },
    } as any);
    return { ms: performance.now() - started, outputs };
  };

  const sequential = async (namespace: string) => {
    const client = clusters.forCluster('prod');
    const size = clusters.environment('prod').profile.sizes.small;
    const { namespace: ns, objects } = buildNamespaceBaseline({
      namespace,
      environment: 'prod',
      owner: 'group:default/payments',
      component: 'component:default/payments-api',
      costCenter: 'cc-1234',
      profile: {
        podSecurity: 'restricted',
        networkPolicy: 'deny-all',
        ownerRole: 'view',
      },
      size: {
        name: 'small',
        quota: quotaToHard(size),
        limitRange: {
          defaultRequest: { ...size.limitRange.defaultRequest },
          default: { ...size.limitRange.default },
        },
      },
    });
    const started = performance.now();
    for (const object of [ns, ...objects]) {
      await client.apply(object);
    }
    return performance.now() - started;
  };

  const measure = async (prefix: string) => {
    const created: number[] = [];
    const rerun: number[] = [];
    const planned: number[] = [];
    const oneByOne: number[] = [];
    let objectCount = 0;
    // One untimed run opens the connections.
    await provision(`${prefix}-warmup`);
    for (let i = 0; i < RUNS; i++) {
      const first = await provision(`${prefix}-${i}`);
      objectCount = (first.outputs.objects as unknown[]).length;
      created.push(first.ms);
      rerun.push((await provision(`${prefix}-${i}`)).ms);
      planned.push((await provision(`${prefix}-plan-${i}`, true)).ms);
      oneByOne.push(await sequential(`${prefix}-seq-${i}`));
    }
    return {
      objectCount,
      created: median(created),
      rerun: median(rerun),
      planned: median(planned),
      oneByOne: median(oneByOne),
    };
  };

  // Without latency first: what remains is processing time, not waiting on the network.
  await simulator.setLatency(undefined);
  const local = await measure('local');
  await simulator.setLatency(LATENCY_MS);
  const slow = await measure('slow');
  await simulator.close();
  await catalog.close();

  type Case = 'created' | 'rerun' | 'planned' | 'oneByOne';
  const row = (label: string, key: Case) => {
    const ms = slow[key];
    const waiting = (ms - local[key]) / LATENCY_MS;
    const ratio =
      key === 'oneByOne'
        ? ''
        : `  ${(slow.oneByOne / ms).toFixed(1)}x faster than one by one`;
    return `${label.padEnd(40)} ${ms.toFixed(0).padStart(5)} ms = ${(
      ms / LATENCY_MS
    )
      .toFixed(1)
      .padStart(4)} round trips (${waiting.toFixed(
      1,
    )} spent waiting on latency)${ratio}`;
  };
  console.log(
    [
      `Provisioning one guarded namespace (${slow.objectCount} objects), ${LATENCY_MS} ms added to every request, median of ${RUNS} runs`,
      row('namespace:provision, new namespace', 'created'),
      row('namespace:provision, rerun (unchanged)', 'rerun'),
      row('namespace:provision, dry run', 'planned'),
      row('same objects applied one after another', 'oneByOne'),
      `target: at most 3 round trips (${
        3 * LATENCY_MS
      } ms) for a new namespace and for a rerun`,
    ].join('\n'),
  );
  const missed = (['created', 'rerun'] as const).filter(
    key => slow[key] > 3 * LATENCY_MS,
  );
  if (missed.length > 0) {
    console.log(`ABOVE TARGET: ${missed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
