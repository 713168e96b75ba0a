// Starts the dev portal the way a deployment runs it: the built app served by the built backend, talking to the
// local simulated clusters. Used by the end-to-end tests.
import { spawn, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../..',
);
export const outputDir = join(repoRoot, 'test/e2e/output');
export const baseUrl = 'http://localhost:7007';

const cli = join(repoRoot, 'node_modules/.bin/backstage-cli');

/** Builds the app and the backend unless E2E_SKIP_BUILD is set (for quick local reruns). */
export function buildPortal() {
  if (
    process.env.E2E_SKIP_BUILD &&
    existsSync(join(repoRoot, 'packages/backend/dist/index.cjs.js'))
  ) {
    return;
  }
  const build = (dir, args = []) =>
    execFileSync(cli, ['package', 'build', ...args], {
      cwd: join(repoRoot, dir),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  // The production app bundle, which the backend's app plugin serves.
  build('packages/app');
  // The backend's own code. Its deployment bundle step packs workspaces with yarn, which this repo does not use,
  // so the workspace plugins load from source through Backstage's node transform (see startPortal).
  build('packages/backend', ['--role', 'node-library']);
}

function startProcess(name, command, args, options = {}) {
  mkdirSync(outputDir, { recursive: true });
  const log = openSync(join(outputDir, `${name}.log`), 'w');
  const child = spawn(command, args, {
    cwd: repoRoot,
    stdio: ['ignore', log, log],
    detached: true,
    ...options,
  });
  return child;
}

async function waitFor(url, timeoutMs, child, name) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `${name} exited with code ${child.exitCode}; see test/e2e/output/${name}.log`,
      );
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
      lastError = new Error(`${url} answered ${res.status}`);
    } catch (e) {
      lastError = e;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `${name} did not become ready at ${url} within ${timeoutMs} ms: ${lastError}`,
  );
}

/** Where the dev portal publishes services created from templates: a run must leave nothing there. */
export const devPublishDirectory = join(
  repoRoot,
  'packages/backend/generated-services',
);

/**
 * A scratch publish directory for one run, with the catalog Location that reads what is published into it (as
 * templates/published-services.yaml does for the dev portal's own directory). app-config.e2e.yaml points
 * guardrails.scaffolder.publishDirectory and catalog.locations at it through GUARDRAILS_E2E_PUBLISH_DIRECTORY.
 */
function scratchPublishDirectory() {
  const directory = mkdtempSync(join(tmpdir(), 'guardrails-e2e-published-'));
  writeFileSync(
    join(directory, 'published-services.yaml'),
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Location',
      'metadata:',
      '  name: e2e-published-services',
      '  description: Services the end-to-end tests created from templates, in a scratch directory.',
      'spec:',
      '  type: file',
      '  presence: optional',
      '  target: ./*/catalog-info.yaml',
      '',
    ].join('\n'),
  );
  return directory;
}

/**
 * Starts the simulated clusters and the backend; resolves when the portal answers. Services created from templates
 * are published into `publishDirectory`, a scratch directory that `stop` removes. `configFiles` are read after
 * app-config.e2e.yaml (a test's own guardrail pack, for instance).
 */
export async function startPortal({ configFiles = [] } = {}) {
  const children = [];
  const publishDirectory = scratchPublishDirectory();
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    await new Promise(r => setTimeout(r, 300));
    rmSync(publishDirectory, { recursive: true, force: true });
  };
  try {
    const simulatorBin = join(
      repoRoot,
      'packages/kube-simulator/bin/kube-simulator',
    );
    if (existsSync(simulatorBin)) {
      const clusters = startProcess('clusters', process.execPath, [
        simulatorBin,
        '--config',
        join(repoRoot, 'packages/kube-simulator/seeds/dev-portal.yaml'),
      ]);
      children.push(clusters);
      await waitFor(
        'http://127.0.0.1:6553/version',
        30_000,
        clusters,
        'clusters',
      ).catch(async e => {
        // The clusters answer 401 without a token; reaching them at all is what matters here.
        if (!/answered 401/.test(String(e))) throw e;
      });
    }
    const backend = startProcess(
      'backend',
      process.execPath,
      [
        '--require',
        join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
        join(repoRoot, 'packages/backend/dist/index.cjs.js'),
        '--config',
        join(repoRoot, 'app-config.yaml'),
        '--config',
        join(repoRoot, 'test/e2e/app-config.e2e.yaml'),
        ...configFiles.flatMap(file => ['--config', file]),
      ],
      {
        cwd: join(repoRoot, 'packages/backend'),
        env: {
          ...process.env,
          NODE_ENV: 'production',
          GUARDRAILS_E2E_PUBLISH_DIRECTORY: publishDirectory,
        },
      },
    );
    children.push(backend);
    await waitFor(
      `${baseUrl}/api/guardrails/health`,
      120_000,
      backend,
      'backend',
    );
    await waitFor(`${baseUrl}/`, 30_000, backend, 'backend');
    return { stop, publishDirectory };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** A guest user's Backstage token, as the sign-in page gets it. */
export async function guestToken() {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/** Calls the portal's API as the guest user. */
export async function api(path, init = {}) {
  const token = await guestToken();
  const res = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Waits until the first audit has stored results for the entity. */
export async function waitForReport(entityPath, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await api(`/api/guardrails/entities/${entityPath}/report`);
    if (res.status === 200) return res.body;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `no guardrail report for ${entityPath} within ${timeoutMs} ms`,
  );
}

/** Reads an object from one of the simulated clusters, as the portal's service account. */
export async function clusterGet(port, path) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: { Authorization: 'Bearer dev-portal-token' },
  });
  return { status: res.status, body: await res.json() };
}

/** Waits until a scaffolder task ends; a task that did not complete comes with its log messages. */
export async function waitForTask(id) {
  for (let i = 0; i < 120; i++) {
    const res = await api(`/api/scaffolder/v2/tasks/${id}`);
    if (['completed', 'failed', 'cancelled'].includes(res.body?.status)) {
      if (res.body.status !== 'completed') {
        const events = await api(`/api/scaffolder/v2/tasks/${id}/events`);
        return {
          ...res.body,
          log: events.body?.map(e => e.body?.message).filter(Boolean),
        };
      }
      return res.body;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`task ${id} did not finish`);
}
