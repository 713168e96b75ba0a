import { parseAllDocuments } from 'yaml';
import { exactly, runCli } from '../__testUtils__/runCli';

interface Exported {
  kind: string;
  metadata: { name: string; labels: Record<string, string> };
  spec: Record<string, any>;
}

async function exportVap(args: string[]) {
  const run = await runCli(['export', 'vap', ...args]);
  const documents = parseAllDocuments(run.stdout);
  documents.forEach(d => expect(d.errors).toEqual([]));
  return { ...run, objects: documents.map(d => d.toJS() as Exported) };
}

const bindings = (objects: Exported[]) =>
  objects
    .filter(o => o.kind === 'ValidatingAdmissionPolicyBinding')
    .map(o => [
      o.spec.policyName,
      o.metadata.labels['guardrails.dev/environment'],
      o.spec.validationActions,
    ]);

describe('guardrails export vap', () => {
  it('prints a policy per exportable guardrail and a binding per environment in force', async () => {
    const { code, objects, stderr, stdout } = await exportVap([
      '--pack',
      'packs/basic',
      '--env',
      'prod',
      '--at',
      '2026-11-22',
    ]);
    expect(code).toBe(0);
    expect(objects.map(o => [o.kind, o.metadata.name])).toEqual([
      ['ValidatingAdmissionPolicy', 'guardrails.test.namespace-team'],
      [
        'ValidatingAdmissionPolicyBinding',
        'guardrails.test.namespace-team.prod',
      ],
      ['ValidatingAdmissionPolicy', 'guardrails.test.min-replicas'],
      ['ValidatingAdmissionPolicyBinding', 'guardrails.test.min-replicas.prod'],
      ['ValidatingAdmissionPolicy', 'guardrails.test.no-privileged'],
      [
        'ValidatingAdmissionPolicyBinding',
        'guardrails.test.no-privileged.prod',
      ],
    ]);
    expect(bindings(objects)).toEqual([
      ['guardrails.test.namespace-team', 'prod', ['Warn', 'Audit']],
      ['guardrails.test.min-replicas', 'prod', ['Audit']],
      ['guardrails.test.no-privileged', 'prod', ['Deny']],
    ]);
    const flagged =
      'test.namespace-quota is not exported: reads other objects of the namespace (namespaceResources), which admission does not see';
    expect(stderr).toBe(`warning: ${flagged}\n`);
    expect(stdout).toContain(`#   ${flagged}\n`);
  });

  it('exports policies admission control can load', async () => {
    const { objects } = await exportVap([
      '--pack',
      'packs/basic',
      '--at',
      '2027-03-01',
    ]);
    const policies = objects.filter(
      o => o.kind === 'ValidatingAdmissionPolicy',
    );
    for (const policy of policies) {
      expect(policy).toMatchObject({
        apiVersion: 'admissionregistration.k8s.io/v1',
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: { resourceRules: expect.any(Array) },
        },
      });
      expect(policy.spec.validations.length).toBeGreaterThan(0);
      for (const rule of policy.spec.matchConstraints.resourceRules) {
        expect(rule).toEqual({
          apiGroups: expect.any(Array),
          apiVersions: ['*'],
          operations: ['CREATE', 'UPDATE'],
          resources: expect.arrayContaining([
            expect.stringMatching(/^[a-z]+$/),
          ]),
        });
      }
    }
    const podRule = policies.find(
      p => p.metadata.name === 'guardrails.test.no-privileged',
    )!;
    const resources = podRule.spec.matchConstraints.resourceRules.flatMap(
      (r: { resources: string[] }) => r.resources,
    );
    expect(resources).toEqual(
      expect.arrayContaining([
        'pods',
        'deployments',
        'statefulsets',
        'cronjobs',
      ]),
    );
    expect(podRule.spec.validations[0].expression).toContain(
      'variables.guardrailsPod.spec.containers',
    );
    const names = new Set(policies.map(p => p.metadata.name));
    for (const binding of objects.filter(
      o => o.kind === 'ValidatingAdmissionPolicyBinding',
    )) {
      expect(names).toContain(binding.spec.policyName);
      expect(binding.spec.matchResources).toEqual({
        namespaceSelector: {
          matchLabels: {
            'guardrails.dev/environment':
              binding.metadata.labels['guardrails.dev/environment'],
          },
        },
      });
    }
  });

  it('binds every environment of the pack unless --env is given', async () => {
    const { objects } = await exportVap([
      '--pack',
      'packs/basic',
      '--at',
      '2027-03-01',
    ]);
    expect(bindings(objects)).toEqual([
      ['guardrails.test.namespace-team', 'prod', ['Deny']],
      ['guardrails.test.min-replicas', 'dev', ['Audit']],
      ['guardrails.test.min-replicas', 'prod', ['Deny']],
      ['guardrails.test.no-privileged', 'dev', ['Warn', 'Audit']],
      ['guardrails.test.no-privileged', 'prod', ['Deny']],
    ]);
  });

  it.each([
    ['Certificate.cert-manager.io=certificates'],
    ['Certificate=certificates'],
  ])(
    'exports a kind of an API group named by --resource-name %s',
    async name => {
      const without = await exportVap(['--pack', 'packs/custom-kind']);
      expect(without.code).toBe(0);
      expect(without.stderr).toContain(
        'warning: test.certificate-duration is not exported: no resource name known for kind Certificate.cert-manager.io (name it with guardrails export vap --resource-name Certificate.cert-manager.io=<plural>)\n',
      );
      const { code, objects, stderr } = await exportVap([
        '--pack',
        'packs/custom-kind',
        '--resource-name',
        name,
      ]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      const policy = objects.find(o => o.kind === 'ValidatingAdmissionPolicy');
      expect(policy?.spec.matchConstraints.resourceRules).toEqual([
        expect.objectContaining({
          apiGroups: ['cert-manager.io'],
          resources: ['certificates'],
        }),
      ]);
    },
  );

  it('exports the default pack without --pack, listing what it leaves out', async () => {
    const { code, objects, stderr } = await exportVap(['--env', 'prod']);
    expect(code).toBe(0);
    const exported = objects
      .filter(o => o.kind === 'ValidatingAdmissionPolicy')
      .map(o => o.metadata.name);
    expect(exported).toContain('guardrails.pod.no-privileged');
    const flagged = [
      ...stderr.matchAll(/^warning: (\S+) is not exported: /gm),
    ].map(m => m[1]);
    expect(flagged.length).toBeGreaterThan(0);
    flagged.forEach(id => expect(exported).not.toContain(`guardrails.${id}`));
  });

  it.each([
    [
      ['--env', 'qa'],
      'error: unknown environment "qa": the pack knows dev, staging, prod\n',
    ],
    [['--at', 'tomorrow'], /^error: --at "tomorrow" is not a date/],
    [
      ['--resource-name', 'Certificate'],
      /^error: --resource-name "Certificate" must be Kind=plural/,
    ],
    [
      ['--resource-name', 'Certificate.Cert_Manager=certificates'],
      /^error: --resource-name "Certificate.Cert_Manager=certificates" must be Kind=plural or Kind.group=plural/,
    ],
    [
      ['--pack', 'packs/broken'],
      /^error: guardrail pack is invalid \(3 problems\)/,
    ],
  ])('exits 2 on bad input %j', async (args, expected) => {
    const run = await runCli([
      'export',
      'vap',
      '--pack',
      'packs/basic',
      ...args,
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      typeof expected === 'string' ? exactly(expected) : expected,
    );
  });

  it('needs a target: export alone is bad usage', async () => {
    const run = await runCli(['export']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('vap');
  });
});
