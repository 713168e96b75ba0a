import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { FIXTURES, runCli } from './__testUtils__/runCli';
import { version } from '../package.json';

describe('guardrails', () => {
  it('prints the version', async () => {
    expect(await runCli(['--version'])).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: '',
    });
  });

  it('prints help listing the commands and exit codes', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['check', 'export', 'explain', 'lint']) {
      expect(run.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    }
    expect(run.stdout).toContain('Exit codes:');
  });

  it.each(['check', 'export', 'export vap', 'explain', 'lint'])(
    'prints help for %s',
    async command => {
      const run = await runCli([...command.split(' '), '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: guardrails ${command} `));
    },
  );

  it('documents the default environment of check', async () => {
    const run = await runCli(['check', '--help']);
    expect(run.stdout).toMatch(
      /--env <environment> +environment whose rollout stage sets each level; prod, the\s+strictest/,
    );
  });

  it('exits 2 for an unknown command or none', async () => {
    const unknown = await runCli(['verify']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'verify'");
    expect((await runCli([])).code).toBe(2);
  });
});

describe('bin/guardrails', () => {
  const bin = path.resolve(__dirname, '..', 'bin', 'guardrails');
  const run = async (args: string[]) =>
    promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: FIXTURES,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('runs from the source and exits 0, 1 and 2', async () => {
    const pass = await run([
      'check',
      'manifests/compliant.yaml',
      '--pack',
      'packs/basic',
      '--format',
      'json',
    ]);
    expect(pass.code).toBe(0);
    expect(JSON.parse(pass.stdout).summary).toMatchObject({ fail: 0 });
    const blocked = await run([
      'check',
      'manifests/list.yaml',
      '--pack',
      'packs/basic',
    ]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('FAIL  block');
    const bad = await run(['check', 'manifests/nope.yaml']);
    expect(bad).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'error: cannot read manifests/nope.yaml: no such file or directory\n',
    });
  }, 60_000);
});
