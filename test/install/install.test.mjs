// The install test: the suite's packages, packed as a release publishes them, installed into a host Backstage laid
// out as @backstage/create-app's template (test/install/host) with the README's own install lines, then started
// against a simulated cluster. Checks what a platform team would check after installing: health, an audit's report
// for a component, the guardrails.dev/* labels on the entity, the scaffolder's actions, and the Guardrails tab in
// Chromium. Needs PostgreSQL (HOST_DATABASE_URL or .ci/setup/ensure-postgres.sh's connection string).
//
// GUARDRAILS_INSTALL_KEEP=1 keeps the host directory for a look afterwards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageNames, readmeBlock, repoRoot } from './readmeBlocks.mjs';
import { classify, publishablePackages } from './pack.mjs';
import { startLocalRegistry } from './localRegistry.mjs';

const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
const log = message => console.log(`# install: ${message} (${elapsed()})`);

const tarballs = join(repoRoot, 'dist/tarballs');
const token = 'install-test-token';

function databaseUrl() {
  if (process.env.HOST_DATABASE_URL) return process.env.HOST_DATABASE_URL;
  const key = Object.keys(process.env).find(k =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
  );
  if (!key) {
    throw new Error(
      'the install test needs PostgreSQL: source .ci/setup/ensure-postgres.sh or set HOST_DATABASE_URL',
    );
  }
  return process.env[key];
}

/** The file `npm pack` names a package's tarball. */
function tarballName(p) {
  return `${p.name.replace(/^@/, '').replace('/', '-')}-${p.version}.tgz`;
}

function integrityOf(file) {
  return `sha512-${createHash('sha512')
    .update(readFileSync(file))
    .digest('base64')}`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Runs a README block with bash, as a person pastes it, failing with its output. */
function runBlock(name, cwd, env = {}) {
  const script = `set -euo pipefail\n${readmeBlock(name)}\n`;
  log(`running the README's "${name}" block in ${cwd}`);
  try {
    execFileSync('bash', ['-c', script], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (e) {
    throw new Error(
      `the README's "${name}" block failed in ${cwd} (exit ${e.status}):\n${script}`,
    );
  }
}

function startProcess(name, command, args, options) {
  const logFile = join(options.logDir, `${name}.log`);
  const out = openSync(logFile, 'w');
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', out, out],
    ...options,
  });
  child.logFile = logFile;
  return child;
}

async function waitFor(check, timeoutMs, what, child) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(
        `${what}: the process exited with ${child.exitCode}; its log:\n${tail(
          child.logFile,
        )}`,
      );
    }
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `${what} within ${timeoutMs / 1000} s${last ? `: ${last.message}` : ''}${
      child ? `\n${tail(child.logFile)}` : ''
    }`,
  );
}

const tail = file =>
  existsSync(file)
    ? readFileSync(file, 'utf8').split('\n').slice(-40).join('\n')
    : '';

describe('install into a host Backstage', { timeout: 1_500_000 }, () => {
  let host;
  let baseUrl;
  let prefix;
  const children = [];
  let browser;
  let registry;
  let T;
  let registryInstall;

  const api = async (path, init = {}) => {
    const refresh = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    const { backstageIdentity } = await refresh.json();
    const res = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${backstageIdentity.token}`,
        'Content-Type': 'application/json',
        ...init.headers,
      },
    });
    const text = await res.text();
    let body;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.status, body };
  };

  before(async () => {
    // 1. Every publishable package, packed by the README's one command (GUARDRAILS_TARBALLS reuses a directory).
    T = process.env.GUARDRAILS_TARBALLS ?? tarballs;
    if (!process.env.GUARDRAILS_TARBALLS) runBlock('pack', repoRoot);
    const packed = publishablePackages();
    const { plugins } = classify(packed);
    // Every plugin the README tells a platform team to install, and nothing else, in each of its lines.
    const registryNames = packageNames(readmeBlock('npm-registry')).sort();
    assert.deepEqual(
      registryNames,
      plugins.map(p => p.name).sort(),
      "the README's npm lines name every plugin",
    );
    assert.deepEqual(
      packageNames(readmeBlock('yarn-registry')).sort(),
      registryNames,
      'yarn lines name the same',
    );
    const tarballLines = readmeBlock('npm-tarballs');
    for (const p of plugins) {
      const file = tarballName(p);
      assert.ok(
        tarballLines.includes(file),
        `the README's tarball lines install ${file}`,
      );
      assert.ok(existsSync(join(T, file)), `${file} was packed`);
    }

    // 2. The host, as create-app lays it out, outside the repository.
    host = mkdtempSync(join(tmpdir(), 'guardrails-host-'));
    cpSync(join(repoRoot, 'test/install/host'), host, { recursive: true });
    log(`host at ${host}`);

    // 3. The host's own install (as create-app leaves it: the README's lines add to an installed host; with `-w`
    // npm would install only that workspace's dependencies), then the README's install lines. The npm cache
    // (~/.npm) is reused between runs.
    const npmEnv = {
      T,
      npm_config_fetch_timeout: '60000',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    log('npm install in the host');
    execFileSync('npm', ['install'], {
      cwd: host,
      env: { ...process.env, ...npmEnv },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // The README's registry lines first, against a registry on loopback serving the same tarballs: npm must find
    // the suite's libraries by the plugins' ranges alone, as it will on registry.npmjs.org.
    registry = await startLocalRegistry(T);
    appendFileSync(
      join(host, '.npmrc'),
      `@guardrails-dev:registry=${registry.url}/\n`,
    );
    runBlock('npm-registry', host, npmEnv);
    registryInstall = {
      lock: JSON.parse(readFileSync(join(host, 'package-lock.json'), 'utf8')),
      backend: JSON.parse(
        readFileSync(join(host, 'packages/backend/package.json'), 'utf8'),
      ),
    };
    // Then the tarball lines, the way to install until the packages are published; the host runs what they install.
    runBlock('npm-tarballs', host, npmEnv);
    const index = join(host, 'packages/backend/src/index.ts');
    writeFileSync(
      index,
      readFileSync(index, 'utf8').replace(
        '// @install-test: README backend lines',
        readmeBlock('backend-index'),
      ),
    );
    // The README's minimal config, pointed at the simulated cluster.
    const simulatorPort = await freePort();
    writeFileSync(
      join(host, 'app-config.guardrails.yaml'),
      readmeBlock('minimal-config').replace(
        'https://k8s.example.com',
        `http://127.0.0.1:${simulatorPort}`,
      ),
    );
    // Test timing only: the catalog takes the audit's summary within seconds rather than a minute.
    writeFileSync(
      join(host, 'app-config.test.yaml'),
      'guardrails:\n  catalog:\n    refreshIntervalSeconds: 5\n',
    );

    // 4. The app bundle, built by the host's own CLI.
    log('building the host app');
    execFileSync(
      join(host, 'node_modules/.bin/backstage-cli'),
      ['package', 'build'],
      {
        cwd: join(host, 'packages/app'),
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );

    // 5. A simulated cluster (prod's seed: checkout-web runs a privileged sidecar) and the host's backend.
    children.push(
      startProcess(
        'kube-simulator',
        process.execPath,
        [
          join(repoRoot, 'packages/kube-simulator/bin/kube-simulator'),
          '--port',
          String(simulatorPort),
          '--name',
          'main',
          '--seed',
          join(repoRoot, 'packages/kube-simulator/seeds/prod.yaml'),
          '--token',
          token,
        ],
        { cwd: repoRoot, logDir: host },
      ),
    );
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    prefix = `guardrails_install_${process.pid}_`;
    const backend = startProcess(
      'backend',
      join(host, 'node_modules/.bin/backstage-cli'),
      [
        'package',
        'start',
        '--config',
        '../../app-config.yaml',
        '--config',
        '../../app-config.guardrails.yaml',
        '--config',
        '../../app-config.test.yaml',
      ],
      {
        cwd: join(host, 'packages/backend'),
        logDir: host,
        env: {
          ...process.env,
          HOST_PORT: String(port),
          HOST_DATABASE_URL: databaseUrl(),
          HOST_DATABASE_PREFIX: prefix,
          K8S_TOKEN: token,
        },
      },
    );
    children.push(backend);
    log('starting the host backend');
    await waitFor(
      async () => (await fetch(`${baseUrl}/api/guardrails/health`)).ok,
      240_000,
      'the host backend did not answer /api/guardrails/health',
      backend,
    );
    log('host backend up');
  });

  after(async () => {
    await browser?.close().catch(() => {});
    registry?.close();
    for (const child of children.reverse()) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await new Promise(r => setTimeout(r, 1000));
    if (host && prefix && existsSync(join(host, 'node_modules/pg'))) {
      // The host's databases (one per plugin) are dropped, so runs leave nothing behind in the shared PostgreSQL.
      const require = createRequire(join(host, 'package.json'));
      const { Client } = require('pg');
      const client = new Client({ connectionString: databaseUrl() });
      await client.connect().catch(() => {});
      const { rows = [] } = await client
        .query('select datname from pg_database where datname like $1', [
          `${prefix}%`,
        ])
        .catch(() => ({}));
      for (const { datname } of rows)
        await client
          .query(`drop database if exists "${datname}" with (force)`)
          .catch(() => {});
      await client.end().catch(() => {});
    }
    if (host && !process.env.GUARDRAILS_INSTALL_KEEP)
      rmSync(host, { recursive: true, force: true });
    log('done');
  });

  it("installs with the README's registry lines, the suite's libraries found by their ranges", () => {
    const installed = new Map(
      Object.entries(registryInstall.lock.packages)
        .filter(([path]) => /node_modules\/@guardrails-dev\//.test(path))
        .map(([path, entry]) => [path.replace(/^.*node_modules\//, ''), entry]),
    );
    const { plugins, deps } = classify(publishablePackages());
    for (const p of [...plugins, ...deps]) {
      const entry = installed.get(p.name);
      assert.ok(entry, `${p.name} was installed by the registry lines`);
      // npm leaves `resolved` out for a scope's own registry; the integrity says it is the packed tarball.
      assert.equal(
        entry.integrity,
        integrityOf(join(T, deps.includes(p) ? 'deps' : '', tarballName(p))),
        `${p.name} is the tarball the registry served`,
      );
      assert.ok(
        !entry.resolved || entry.resolved.startsWith(`${registry.url}/`),
        `${p.name} came from the registry, not ${entry.resolved}`,
      );
    }
    for (const name of packageNames(readmeBlock('npm-registry')).filter(n =>
      /backend/.test(n),
    )) {
      assert.match(
        registryInstall.backend.dependencies[name] ?? '',
        /^\^\d+\.\d+\.\d+$/,
        `packages/backend depends on ${name} by a caret range`,
      );
    }
  });

  it('installs no second copy of any @backstage package', () => {
    const res = spawnSync(
      process.execPath,
      [join(repoRoot, 'test/install/duplicate-backstage-packages.mjs'), host],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(
      res.status,
      0,
      `duplicated @backstage packages in the host:\n${res.stdout}${res.stderr}`,
    );
  });

  it('answers the health probe', async () => {
    const res = await fetch(`${baseUrl}/api/guardrails/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it("reports an audit's results for a component", async () => {
    const audit = await api('/api/guardrails/audit', { method: 'POST' });
    assert.ok(
      audit.status < 300,
      `POST /api/guardrails/audit answered ${audit.status}: ${JSON.stringify(
        audit.body,
      )}`,
    );
    const report = await waitFor(
      async () => {
        const res = await api(
          '/api/guardrails/entities/component/default/checkout-web/report',
        );
        return res.status === 200 && res.body;
      },
      120_000,
      'no report for component:default/checkout-web',
    );
    assert.match(JSON.stringify(report), /pod\.no-privileged/);
  });

  it('labels the entity in the catalog', async () => {
    const labels = await waitFor(
      async () => {
        const res = await api(
          '/api/catalog/entities/by-name/component/default/checkout-web',
        );
        const l = res.body?.metadata?.labels ?? {};
        // `unknown` until the catalog's next processing pass after the audit
        return (
          l['guardrails.dev/compliance'] &&
          l['guardrails.dev/compliance'] !== 'unknown' &&
          l
        );
      },
      120_000,
      'no guardrails.dev/compliance label on component:default/checkout-web',
    );
    assert.equal(labels['guardrails.dev/compliance'], 'violating');
    assert.ok(
      labels['guardrails.dev/enforcement-level'],
      'guardrails.dev/enforcement-level is set',
    );
  });

  it("lists the suite's scaffolder actions", async () => {
    const res = await api('/api/scaffolder/v2/actions');
    assert.equal(res.status, 200);
    const ids = res.body.map(a => a.id);
    for (const id of [
      'guardrails:namespace:provision',
      'guardrails:validate',
    ]) {
      assert.ok(
        ids.includes(id),
        `${id} in ${ids.filter(i => i.startsWith('guardrails:')).join(', ')}`,
      );
    }
  });

  it("renders the component's Guardrails tab in Chromium", async () => {
    const { launchBrowser } = await import('../e2e/browser.mjs');
    browser = await launchBrowser();
    const page = await browser.newPage({
      viewport: { width: 1440, height: 1000 },
    });
    page.setDefaultTimeout(60_000);
    await page.goto(`${baseUrl}/catalog/default/component/checkout-web`);
    // Guest sign-in, as a person does it.
    const enter = page.getByRole('button', { name: 'Enter' });
    await enter.waitFor();
    await enter.click();
    // The component page's Guardrails tab (the entity page's tabs are links to the content's path).
    await page
      .locator('a[href$="/catalog/default/component/checkout-web/guardrails"]')
      .first()
      .click();
    await page.waitForURL(
      /\/catalog\/default\/component\/checkout-web\/guardrails/,
    );
    await page
      .getByRole('table', { name: 'Guardrail violations' })
      .getByText('pod.no-privileged')
      .first()
      .waitFor();
    mkdirOutput();
    await page.screenshot({
      path: join(repoRoot, 'test/e2e/output/install-guardrails-tab.png'),
      fullPage: true,
    });
  });
});

function mkdirOutput() {
  execFileSync('mkdir', ['-p', join(repoRoot, 'test/e2e/output')]);
}
