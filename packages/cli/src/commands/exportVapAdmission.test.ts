import { parseAllDocuments } from 'yaml';
import { exactly, runCli } from '../__testUtils__/runCli';

async function exportVap(args: string[]) {
  const run = await runCli(['export', 'vap', '--pack', 'packs/basic', ...args]);
  const objects = parseAllDocuments(run.stdout).map(d => d.toJS());
  return { ...run, objects };
}

const named = (objects: any[], name: string) =>
  objects.find(o => o.metadata.name === name);

describe('guardrails export vap: exemptions, messages, when to export again', () => {
  it('ends each message with the guardrail page in the portal given by --portal-url', async () => {
    const { code, objects } = await exportVap([
      '--env',
      'prod',
      '--portal-url',
      'https://backstage.example.com/',
    ]);
    expect(code).toBe(0);
    const policy = named(objects, 'guardrails.test.no-privileged');
    expect(policy.spec.validations[0].message).toBe(
      'test.no-privileged (Containers must not run privileged): a container runs privileged. Details: https://backstage.example.com/guardrails/catalog?guardrail=test.no-privileged',
    );
    const replicas = named(objects, 'guardrails.test.min-replicas');
    expect(replicas.spec.validations[0].messageExpression).toContain(
      '"Details: https://backstage.example.com/guardrails/catalog?guardrail=test.min-replicas"',
    );
  });

  it('leaves the exemptions of --exemptions out of admission while they are active', async () => {
    const active = await exportVap([
      '--env',
      'prod',
      '--exemptions',
      'exemptions',
      '--at',
      '2027-01-10',
    ]);
    const policy = named(active.objects, 'guardrails.test.no-privileged');
    const binding = named(active.objects, 'guardrails.test.no-privileged.prod');
    expect(policy.spec.matchConditions[0].expression).toContain(
      'request.kind.kind == "Deployment" && (has(request.name) ? request.name : "") == "legacy"',
    );
    expect(binding.metadata.annotations['guardrails.dev/exemptions']).toBe(
      'shop-legacy-privileged',
    );
    // The exemption expires before the next stage starts.
    expect(active.stdout).toContain(
      '# The output changes at 2027-01-15 (a stage starts, an exemption expires or the admission clock moves): export again then.\n',
    );

    const expired = await exportVap([
      '--env',
      'prod',
      '--exemptions',
      'exemptions',
      '--at',
      '2027-01-15',
    ]);
    expect(
      named(expired.objects, 'guardrails.test.no-privileged').spec
        .matchConditions,
    ).toBeUndefined();
  });

  it('says that exemptions scoped to an entity are not honoured', async () => {
    const { code, stderr, stdout } = await exportVap([
      '--env',
      'prod',
      '--exemptions',
      'exemptions-entity',
    ]);
    expect(code).toBe(0);
    const line =
      'exemption payments-privileged is not honoured: its entity component:default/payments has no known namespaces or resources in the cluster, so admission does not exclude it';
    expect(stderr).toContain(`warning: ${line}\n`);
    expect(stdout).toContain(`#   ${line}\n`);
  });

  it.each([
    [
      ['--portal-url', 'backstage.example.com'],
      'error: --portal-url "backstage.example.com" is not an absolute http(s) URL, e.g. https://backstage.example.com\n',
    ],
    [
      ['--exemptions', 'packs/basic'],
      /^error: --exemptions packs\/basic may only hold GuardrailExemption documents/,
    ],
  ])('exits 2 on bad input %j', async (args, expected) => {
    const run = await exportVap(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      typeof expected === 'string' ? exactly(expected) : expected,
    );
  });
});
