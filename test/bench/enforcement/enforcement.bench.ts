/*
 * Admission sync of 3 clusters (dev, staging, prod) with the default pack, through the real plugin (startTestBackend)
 * and Backstage's scheduler with the default enforcement config (mode sync, cadence 5 minutes):
 *
 * - requests per sync with nothing due, counted at each simulated cluster. Target: no writes, at most 2 lists per
 *   cluster.
 * - the delay from a stage boundary (pod.no-privileged becomes block in prod on 2027-01-15) to the binding with
 *   [Deny] in the prod cluster, with a controlled clock moved to the boundary: the wake-up timer, the scheduler
 *   claiming the triggered task through the database, and the sync. Target: at most 60 s.
 *
 *   source .ci/setup/node22.sh
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs test/bench/enforcement/enforcement.bench.ts
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubeSimulator } from '@guardrails-dev/kube-simulator';
import { AddressInfo } from 'node:net';
import guardrailsPlugin from '../../../plugins/guardrails-backend/src';
import { startClusters } from '../../../plugins/guardrails-backend/src/__testUtils__/simulatedClusters';
import { ManualClock } from '../../../plugins/guardrails-backend/src/enforcement/__testUtils__/ManualClock';
import { syncTaskId } from '../../../plugins/guardrails-backend/src/enforcement/SyncScheduler';

const CLUSTERS = ['dev', 'staging', 'prod'];
const BLOCK_AT = new Date('2027-01-15T00:00:00.000Z');
const BINDING = 'guardrails.pod.no-privileged.prod';
const MAX_LISTS = 2;
const MAX_DELAY_MS = 60_000;

function admissionRequests(simulator: KubeSimulator) {
  const log = simulator.requests.log.filter(r =>
    r.path.includes('admissionregistration'),
  );
  const lists = log.filter(r => r.method === 'GET').length;
  return { lists, writes: log.length - lists };
}

function actions(simulator: KubeSimulator): string[] | undefined {
  const binding = simulator
    .listObjects(
      'admissionregistration.k8s.io/v1',
      'ValidatingAdmissionPolicyBinding',
    )
    .find((b: any) => b.metadata.name === BINDING) as any;
  return binding?.spec.validationActions;
}

async function waitFor(check: () => boolean, what: string, ms = 120_000) {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`no ${what} in ${ms} ms`);
    await new Promise(r => setTimeout(r, 10));
  }
}

async function main() {
  const clusters = await startClusters(
    Object.fromEntries(CLUSTERS.map(name => [name, []])),
  );
  const simulators = CLUSTERS.map(name => clusters.simulators[name]);
  // The clusters and environments of the backend's tests, with the default cluster request settings.
  const { clusterRequests: _tuned, ...guardrails } = clusters.config.guardrails;
  const clock = new ManualClock(new Date(BLOCK_AT.getTime() - 60 * 60_000));
  const backend = await startTestBackend({
    features: [
      guardrailsPlugin,
      mockServices.rootConfig.factory({
        data: {
          // Denials link to the portal, as in any Backstage deployment.
          app: { baseUrl: 'http://localhost:3000' },
          kubernetes: clusters.config.kubernetes,
          guardrails: {
            ...guardrails,
            // The default enforcement config but for the mode, which defaults to off.
            enforcement: { mode: 'sync' },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
      clock.factory(),
      schedulerServiceFactory,
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const api = `http://127.0.0.1:${port}/api/guardrails`;
  const headers = { authorization: mockCredentials.user.header() };

  // The first sync of each cluster, 5 seconds after start, creates everything.
  await waitFor(
    () => simulators.every(s => actions(s) !== undefined || s.name !== 'prod'),
    'first sync',
  );
  const synced = async () => {
    const res = await fetch(`${api}/enforcement`, { headers });
    const state = (await res.json()) as any;
    return state.clusters.filter((c: any) => c.lastSync).length;
  };
  while ((await synced()) < CLUSTERS.length) {
    await new Promise(r => setTimeout(r, 50));
  }
  const objects = simulators.map(
    s =>
      s.listObjects(
        'admissionregistration.k8s.io/v1',
        'ValidatingAdmissionPolicy',
      ).length +
      s.listObjects(
        'admissionregistration.k8s.io/v1',
        'ValidatingAdmissionPolicyBinding',
      ).length,
  );

  // Nothing due: each cluster's task triggered through the scheduler's own endpoint, as an operator would.
  simulators.forEach(s => s.resetRequestLog());
  const before = Date.now();
  for (const cluster of CLUSTERS) {
    const res = await fetch(
      `${api}/.backstage/scheduler/v1/tasks/${syncTaskId(cluster)}/trigger`,
      { method: 'POST', headers },
    );
    if (!res.ok) throw new Error(`trigger ${cluster}: ${res.status}`);
  }
  await waitFor(
    () => simulators.every(s => admissionRequests(s).lists >= MAX_LISTS),
    'nothing-due sync',
  );
  // Anything a sync would do after its lists has had time to show.
  await new Promise(r => setTimeout(r, 1_000));
  const idle = simulators.map(admissionRequests);
  const idleMs = Date.now() - before;

  // The stage boundary, reached by the clock.
  if (actions(simulators[2])?.join() !== 'Warn,Audit') {
    throw new Error(
      `prod binding before the boundary: ${actions(simulators[2])}`,
    );
  }
  clock.set(BLOCK_AT);
  const started = performance.now();
  await waitFor(
    () => actions(simulators[2])?.join() === 'Deny',
    'Deny binding',
  );
  const delayMs = performance.now() - started;

  await backend.stop();
  await clusters.close();

  const lines = [
    `Admission sync, ${
      CLUSTERS.length
    } clusters × the default pack (${objects.join(
      ' / ',
    )} policies and bindings), default config (mode sync)`,
    ...CLUSTERS.map(
      (cluster, i) =>
        `  ${cluster.padEnd(8)} nothing due: ${idle[i].lists} lists, ${
          idle[i].writes
        } writes`,
    ),
    `  (3 triggered syncs observed within ${idleMs} ms)`,
    `  stage boundary → prod binding [Deny]: ${(delayMs / 1000).toFixed(2)} s`,
    '  (without the wake-up at the boundary it would wait for the cadence: up to 300 s)',
    `target: nothing due makes no write and at most ${MAX_LISTS} lists per cluster; a boundary is applied within ${
      MAX_DELAY_MS / 1000
    } s`,
  ];
  console.log(lines.join('\n'));
  const missed = [
    ...CLUSTERS.filter(
      (_c, i) => idle[i].writes > 0 || idle[i].lists > MAX_LISTS,
    ).map(c => `requests of ${c}`),
    ...(delayMs > MAX_DELAY_MS ? ['boundary delay'] : []),
  ];
  if (missed.length > 0) {
    console.log(`ABOVE TARGET: ${missed.join(', ')}`);
    process.exitCode = 1;
  }
}

// Exits once measured: the stopped backend's scheduler can leave a timer running for a while.
main().then(
  () => process.exit(),
  error => {
    console.error(error);
    process.exit(1);
  },
);
