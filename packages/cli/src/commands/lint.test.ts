import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../__testUtils__/runCli';

describe('guardrails lint', () => {
  it('prints counts and exits 0 for a valid pack', async () => {
    const run = await runCli(['lint', 'packs/basic']);
    expect(run).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'packs/basic: 2 files, 4 guardrails, 0 exemptions, 0 overrides of earlier packs',
        'Valid: 4 guardrails (1 critical, 0 high, 2 medium, 1 low, 0 info), 0 exemptions.',
        'note: test.namespace-quota is left out of admission (export vap): reads other objects of the namespace (namespaceResources), which admission does not see',
        '',
      ].join('\n'),
    });
  });

  it('lints directories layered in order', async () => {
    const run = await runCli([
      'lint',
      'packs/basic',
      'packs/platform',
      'exemptions',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'packs/platform: 1 file, 1 guardrail, 0 exemptions, 1 override of earlier packs\n',
    );
    expect(run.stdout).toContain(
      'exemptions: 1 file, 0 guardrails, 1 exemption, 0 overrides of earlier packs\n',
    );
    expect(run.stdout).toContain(
      'Valid: 5 guardrails (1 critical, 1 high, 2 medium, 1 low, 0 info), 1 exemption.\n',
    );
  });

  it('lints a pack that builds on the default pack with --default-pack', async () => {
    const alone = await runCli(['lint', 'exemptions']);
    expect(alone.code).toBe(1);
    expect(alone.stdout).toContain(
      'exemptions/legacy.yaml:6 (document 1 "shop-legacy-privileged") spec.guardrails[0]: unknown guardrail "test.no-privileged"',
    );
    expect(alone.stdout).toContain(
      'hint: a pack that builds on another is linted after it',
    );
    const onDefault = await runCli(['lint', '--default-pack', 'packs/basic']);
    expect(onDefault.code).toBe(0);
    expect(onDefault.stdout).toMatch(
      /^.*packs\/default: \d+ files, \d+ guardrails/,
    );
    expect(onDefault.stdout).toContain(
      'note: namespace.quota-headroom applies to live objects only (it reads object.status): audits check it, check gives manifests no results for it\n',
    );
    expect(onDefault.stdout).toContain(
      'note: namespace.deletion-protection runs at admission only (it checks deletions): audits and check give it no results\n',
    );
  });

  it('reports every problem with file, line, document and field, and exits 1', async () => {
    const run = await runCli(['lint', 'packs/broken']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'packs/broken/a.yaml:8 (document 1 "broken.severity") spec.severity: must be one of critical, high, medium, low, info (got "urgent")',
      expect.stringMatching(
        /^packs\/broken\/a\.yaml:\d+ \(document 2 "broken\.cel"\) spec\.validations\[0\]\.expression: CEL expression does not compile: .*\(at position \d+\)$/,
      ),
      '      expression: object.spec.containers.all(c,',
      expect.stringMatching(
        /^packs\/broken\/b\.yaml:17 \(document 1 "broken\.rollout"\) spec\.rollout\.prod\[1\]\.level: skips a stage/,
      ),
      'Invalid: 3 problems.',
      '',
    ]);
  });

  it('names the --resource-name flag for a kind without a known resource name', async () => {
    const run = await runCli(['lint', 'packs/custom-kind']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'note: test.certificate-duration is left out of admission (export vap): no resource name known for kind Certificate.cert-manager.io (name it with guardrails export vap --resource-name Certificate.cert-manager.io=<plural>)\n',
    );
  });

  it('keeps linting later directories after an invalid one', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-lint-'));
    try {
      fs.mkdirSync(path.join(root, 'base'));
      fs.mkdirSync(path.join(root, 'team'));
      fs.copyFileSync(
        path.join(__dirname, '..', '__fixtures__', 'packs', 'broken', 'b.yaml'),
        path.join(root, 'base', 'b.yaml'),
      );
      fs.writeFileSync(
        path.join(root, 'team', 'override.yaml'),
        [
          'apiVersion: guardrails.dev/v1alpha1',
          'kind: GuardrailOverride',
          'metadata: { name: broken.rollout }',
          'spec:',
          '  rollout:',
          '    prod: [{ level: warn }, { level: block, from: "2026-01-01" }, { level: mighty, from: "2027-01-01" }]',
        ].join('\n'),
      );
      const run = await runCli(['lint', 'base', 'team'], { cwd: root });
      expect(run.code).toBe(1);
      const problems = run.stdout
        .split('\n')
        .filter(line => line.includes('(document'));
      expect(problems).toEqual([
        expect.stringMatching(
          /^base\/b\.yaml:17 .*spec\.rollout\.prod\[1\]\.level: skips a stage/,
        ),
        expect.stringMatching(
          /^team\/override\.yaml:6 \(document 1 "broken\.rollout"\) spec\.rollout\.prod\[2\]\.level: /,
        ),
      ]);
    } finally {
      fs.rmSync(root, { recursive: true });
    }
  });

  it('warns about expired exemptions without failing', async () => {
    const run = await runCli(['lint', 'packs/basic', 'exemptions'], {
      now: '2027-02-01T00:00:00Z',
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'warning: exemptions/legacy.yaml (document 1 "shop-legacy-privileged") spec.expiresAt: expired at 2027-01-15T00:00:00Z; it no longer applies\n',
    );
  });

  it('exits 2 for a directory that does not exist, or none', async () => {
    const missing = await runCli(['lint', 'packs/nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^error: cannot read pack: Pack directory '.*packs\/nope' does not exist\n$/,
    );
    expect((await runCli(['lint'])).code).toBe(2);
  });
});
