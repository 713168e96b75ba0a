import { runCli } from '../__testUtils__/runCli';

describe('guardrails explain', () => {
  it('prints what, why, how to fix with its example and the rollout as of --at', async () => {
    const run = await runCli([
      'explain',
      'test.min-replicas',
      '--pack',
      'packs/basic',
      '--at',
      '2026-11-22',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      [
        'test.min-replicas: Workloads must run at least two replicas',
        '',
        '  Category    preventive',
        '  Severity    medium',
        '  Owner       group:default/platform',
        '  Applies to  Deployment (apps), StatefulSet (apps)',
        '  Docs        https://guardrails.example.com/min-replicas',
        '  Defined in  packs/basic/workloads.yaml (document 1)',
        '',
        'Why',
        '  One replica means downtime on every node drain.',
        '',
        'How to fix',
        '  Set spec.replicas to 2 or more.',
        '',
        'Example',
        '  spec:',
        '    replicas: 2 # or more',
        '',
        'Rollout as of 2026-11-22',
        '  dev:     observe now',
        '  staging: not in force (no rollout plan)',
        '  prod:    observe now; warn from 2027-01-01 (40 days), then block from 2027-02-01 (71 days)',
        '',
      ].join('\n'),
    );
  });

  it('shows the current and next stage at another instant', async () => {
    const run = await runCli([
      'explain',
      'test.min-replicas',
      '--pack',
      'packs/basic',
      '--at',
      '2027-01-10T12:00:00Z',
    ]);
    expect(run.stdout).toContain('Rollout as of 2027-01-10T12:00:00Z\n');
    expect(run.stdout).toContain(
      '  prod:    warn now; block from 2027-02-01 (22 days)\n',
    );
    const after = await runCli([
      'explain',
      'test.min-replicas',
      '--pack',
      'packs/basic',
      '--at',
      '2027-02-01',
    ]);
    expect(after.stdout).toContain('  prod:    block now\n');
  });

  it('says when a plan has not started yet', async () => {
    const run = await runCli([
      'explain',
      'test.image-tag',
      '--pack',
      'packs/basic',
      '--pack',
      'packs/platform',
      '--at',
      '2026-11-22',
    ]);
    expect(run.stdout).toContain('  qa:      warn now\n');
    expect(run.stdout).toContain(
      '  Applies to  Pod (core), and the pod templates of Deployment',
    );
  });

  it('lists the exemptions of the guardrail', async () => {
    const run = await runCli([
      'explain',
      'test.no-privileged',
      '--pack',
      'packs/basic',
      '--pack',
      'exemptions',
      '--at',
      '2026-11-22',
    ]);
    expect(run.stdout).toContain(
      'Exemptions\n  shop-legacy-privileged (migration, active until 2027-01-15T00:00:00Z): namespaces shop resources Deployment shop/legacy\n',
    );
    const later = await runCli([
      'explain',
      'test.no-privileged',
      '--pack',
      'packs/basic',
      '--pack',
      'exemptions',
      '--at',
      '2027-01-15',
    ]);
    expect(later.stdout).toContain(
      'shop-legacy-privileged (migration, expired until 2027-01-15T00:00:00Z)',
    );
  });

  it('explains guardrails of the default pack', async () => {
    const run = await runCli(['explain', 'pod.no-privileged']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^pod\.no-privileged: /);
    expect(run.stdout).toMatch(/\nRollout as of 2026-11-22\n {2}dev: +\S/);
  });

  it('says a guardrail on deletions runs at admission only', async () => {
    const run = await runCli(['explain', 'namespace.deletion-protection']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '  Applies to  Namespace (core)\n  Checks      deletions, at admission only: audits and `guardrails check` give it no results\n',
    );
    const other = await runCli(['explain', 'pod.no-privileged']);
    expect(other.stdout).not.toContain('  Checks ');
  });

  it('exits 2 for an unknown ID, suggesting close matches', async () => {
    const run = await runCli([
      'explain',
      'test.min-replica',
      '--pack',
      'packs/basic',
    ]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: unknown guardrail "test.min-replica"; did you mean test.min-replicas?\n',
    });
    const unprefixed = await runCli([
      'explain',
      'no-privileged',
      '--pack',
      'packs/basic',
    ]);
    expect(unprefixed.stderr).toBe(
      'error: unknown guardrail "no-privileged"; did you mean test.no-privileged?\n',
    );
  });

  it('lists every guardrail when nothing is close', async () => {
    const run = await runCli(['explain', 'zzz', '--pack', 'packs/basic']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: unknown guardrail "zzz"; the pack has test.min-replicas, test.namespace-quota, test.namespace-team, test.no-privileged\n',
    );
  });

  it('exits 2 without an ID or with a bad date', async () => {
    expect((await runCli(['explain'])).code).toBe(2);
    const run = await runCli([
      'explain',
      'test.min-replicas',
      '--pack',
      'packs/basic',
      '--at',
      '01/02/2027',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --at "01\/02\/2027" is not a date/);
  });
});
