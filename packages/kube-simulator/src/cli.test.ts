import { ChildProcess, spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { bundledSeedsDir, loadSeedFile, startKubeSimulator } from './index';
import { clientsFor, expectStatus } from './__testUtils__/kube';

const BIN = resolve(__dirname, '../bin/kube-simulator');

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function launch(args: string[]): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', d => (out += d));
  child.stderr!.on('data', d => (err += d));
  const exited = new Promise<number | null>(done =>
    child.on('close', code => done(code)),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until the process printed `count` listening lines, and returns name → URL. */
async function listening(
  run: Running,
  count: number,
): Promise<Record<string, string>> {
  const deadline = Date.now() + 20000;
  for (;;) {
    const lines = [
      ...run
        .stdout()
        .matchAll(
          /^kube-simulator (\S+) listening on (http:\/\/127\.0\.0\.1:\d+)$/gm,
        ),
    ];
    if (lines.length >= count)
      return Object.fromEntries(lines.map(m => [m[1], m[2]]));
    if (run.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(
        `kube-simulator did not start: ${run.stdout()}${run.stderr()}`,
      );
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

/** Retries an assertion until it holds: output from a child process arrives asynchronously. */
async function eventually(
  assertion: () => void,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise(r => setTimeout(r, 25));
    }
  }
}

describe('the kube-simulator command', () => {
  jest.setTimeout(30000);
  let dir: string;
  const running: ChildProcess[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-simulator-cli-'));
  });
  afterAll(() => {
    for (const child of running)
      if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints its URL, serves the seeded cluster with token auth, and stops on SIGTERM', async () => {
    const run = launch([
      '--port',
      '0',
      '--name',
      'cli-dev',
      '--seed',
      join(bundledSeedsDir, 'dev.yaml'),
      '--token',
      'cli-token',
    ]);
    running.push(run.child);
    const { 'cli-dev': url } = await listening(run, 1);

    const k = clientsFor(url, 'cli-token');
    const version = await (
      await fetch(`${url}/version`, {
        headers: { Authorization: 'Bearer cli-token' },
      })
    ).json();
    expect(version.clusterName).toBe('cli-dev');
    expect((await k.version.getCode()).major).toBe('1');
    expect(
      (await k.core.readNamespace({ name: 'payments-api-dev' })).metadata?.name,
    ).toBe('payments-api-dev');
    await expectStatus(clientsFor(url).core.listNamespace(), 401);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('kube-simulator stopping (SIGTERM)');
  });

  it('starts every cluster of a --config file in one process', async () => {
    const config = join(dir, 'clusters.yaml');
    writeFileSync(
      config,
      [
        'clusters:',
        `  - { name: one, port: 0, seeds: [${JSON.stringify(
          join(bundledSeedsDir, 'staging.yaml'),
        )}] }`,
        '  - { name: two, port: 0, tokens: [{ token: reader, verbs: [get, list] }] }',
      ].join('\n'),
    );
    const run = launch(['--config', config, '--log-requests']);
    running.push(run.child);
    const urls = await listening(run, 2);

    expect(
      (
        await clientsFor(urls.one).core.readNamespace({
          name: 'payments-api-staging',
        })
      ).metadata?.name,
    ).toBe('payments-api-staging');
    const reader = clientsFor(urls.two, 'reader');
    expect(
      (await reader.core.listNamespace()).items.map(n => n.metadata?.name),
    ).toContain('default');
    await expectStatus(
      reader.core.createNamespace({ body: { metadata: { name: 'x' } } }),
      403,
    );
    await eventually(() =>
      expect(run.stdout()).toMatch(
        /^\[two\] POST \/api\/v1\/namespaces 403 \d+ms$/m,
      ),
    );

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('resolves config seed paths against the config file', async () => {
    mkdirSync(join(dir, 'seeds'), { recursive: true });
    writeFileSync(
      join(dir, 'seeds', 'tiny.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: tiny}\n',
    );
    const config = join(dir, 'relative.yaml');
    writeFileSync(
      config,
      'clusters:\n  - { name: rel, port: 0, seeds: [seeds/tiny.yaml] }\n',
    );
    const run = launch(['--config', config]);
    running.push(run.child);
    const { rel } = await listening(run, 1);
    expect(
      (await clientsFor(rel).core.readNamespace({ name: 'tiny' })).metadata
        ?.name,
    ).toBe('tiny');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('ships the dev portal config: dev, staging and prod on ports 6551-6553 with the bundled seeds', () => {
    const config = parseYaml(
      readFileSync(join(bundledSeedsDir, 'dev-portal.yaml'), 'utf8'),
    );
    expect(
      config.clusters.map(
        (c: { name: string; port: number }) => `${c.name}:${c.port}`,
      ),
    ).toEqual(['dev:6551', 'staging:6552', 'prod:6553']);
    for (const cluster of config.clusters) {
      for (const seed of cluster.seeds)
        expect(
          loadSeedFile(join(bundledSeedsDir, seed)).length,
        ).toBeGreaterThan(0);
    }
  });

  it('explains usage mistakes with exit code 2', async () => {
    const run = launch(['--bogus']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(
      'kube-simulator: unknown argument "--bogus"',
    );
    expect(run.stderr()).toContain('Usage: kube-simulator');

    const mixed = launch(['--config', 'x.yaml', '--port', '1']);
    expect(await mixed.exited).toBe(2);
    expect(mixed.stderr()).toContain('--config cannot be combined with --port');

    const help = launch(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain('--seed FILE');
  });

  it('fails with exit code 1 naming a bad seed, config or taken port', async () => {
    const seed = join(dir, 'bad.yaml');
    writeFileSync(
      seed,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: nowhere}\n',
    );
    const badSeed = launch(['--seed', seed]);
    expect(await badSeed.exited).toBe(1);
    expect(badSeed.stderr()).toContain(
      `${seed}: document 1 (line 1): namespace "nowhere" is not declared`,
    );

    const config = join(dir, 'bad-config.yaml');
    writeFileSync(config, 'clusters:\n  - { port: 1 }\n');
    const badConfig = launch(['--config', config]);
    expect(await badConfig.exited).toBe(1);
    expect(badConfig.stderr()).toContain(
      `${config}: clusters[0].name is required`,
    );

    const taken = await startKubeSimulator();
    try {
      const port = new URL(taken.url).port;
      const busy = launch(['--port', port, '--name', 'busy']);
      expect(await busy.exited).toBe(1);
      expect(busy.stderr()).toContain(
        `kube-simulator busy cannot listen on 127.0.0.1:${port}: the port is already in use`,
      );
    } finally {
      await taken.close();
    }
  });
});
