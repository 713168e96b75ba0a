import { runCli } from '../__testUtils__/runCli';

const NEEDS_1_30 =
  'packs/network/host-ip.yaml:16 (document 1 "test.host-ip") spec.validations[0].expression: CEL expression does not compile: isIP() needs Kubernetes 1.30 or later (kubernetesVersion is 1.29)';

describe('--kubernetes-version', () => {
  it.each([
    ['check', ['check', 'manifests/compliant.yaml']],
    ['export vap', ['export', 'vap']],
    ['explain', ['explain', 'test.host-ip']],
  ])(
    '%s: a guardrail using a newer function is an invalid pack (exit 2) naming file, line, guardrail, field, function and release',
    async (_, command) => {
      const run = await runCli([
        ...command,
        '--pack',
        'packs/network',
        '--kubernetes-version',
        '1.29',
      ]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        `error: guardrail pack is invalid (1 problem):\n  - ${NEEDS_1_30}`,
      );
      expect(run.stderr).toContain(
        'expression: object.spec.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostIP) || isIP(p.hostIP)))',
      );
    },
  );

  it('check: the same pack loads for the release that added the function', async () => {
    const run = await runCli([
      'check',
      'manifests/compliant.yaml',
      '--pack',
      'packs/network',
      '--kubernetes-version',
      'v1.30.4',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('lint: the pack is invalid (exit 1), every problem on stdout', async () => {
    const run = await runCli([
      'lint',
      '--kubernetes-version',
      '1.29',
      'packs/network',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${NEEDS_1_30} (at position 80)\n`);
    expect(run.stdout).toContain('Invalid: 1 problem.');
    const valid = await runCli([
      'lint',
      '--kubernetes-version',
      '1.30',
      'packs/network',
    ]);
    expect(valid.code).toBe(0);
  });

  it.each([
    ['check', 'manifests/compliant.yaml'],
    ['lint', 'packs/network'],
  ])(
    '%s: a value that is no release is bad usage (exit 2) naming the option',
    async (command, path) => {
      const run = await runCli([command, path, '--kubernetes-version', '1.3x']);
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: --kubernetes-version "1.3x" is not a Kubernetes release: use MAJOR.MINOR, e.g. 1.30\n',
      });
    },
  );
});
