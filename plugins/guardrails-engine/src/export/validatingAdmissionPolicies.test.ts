import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import { readDefaultPack } from '../__testing__/defaultPack';
import { golden } from '../__testing__/files';
import {
  compileCel,
  compilePack,
  evaluateObjects,
  exportValidatingAdmissionPolicies,
  parsePack,
  toCelValue,
  toYaml,
  VALIDATION_ACTIONS,
  KubernetesManifest,
} from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');

const ADMISSION_VARIABLES = [
  'object',
  'oldObject',
  'request',
  'params',
  'namespaceObject',
  'variables',
  'authorizer',
];

/** Runs a policy's variables and validations the way the API server does for one request. */
function admit(policy: any, object: KubernetesManifest): boolean {
  const variables: Record<string, unknown> = {};
  const activation = {
    object: toCelValue(object),
    oldObject: null,
    request: toCelValue({
      namespace: object.metadata?.namespace ?? '',
      operation: 'CREATE',
    }),
    params: null,
    namespaceObject: null,
    variables,
  };
  for (const variable of policy.spec.variables) {
    const result = compileCel(variable.expression, {
      variables: ADMISSION_VARIABLES,
    }).evaluate(activation);
    if (!result.ok) throw new Error(`${variable.name}: ${result.error}`);
    variables[variable.name] = result.value;
  }
  return policy.spec.validations.every((validation: any) => {
    const result = compileCel(validation.expression, {
      variables: ADMISSION_VARIABLES,
    }).evaluate(activation);
    if (!result.ok)
      throw new Error(`${validation.expression}: ${result.error}`);
    return result.value === true;
  });
}

describe('exportValidatingAdmissionPolicies', () => {
  const { pack } = readDefaultPack(NOW);
  const at = new Date('2027-01-20T00:00:00Z');
  const exported = exportValidatingAdmissionPolicies(pack, {
    environments: ['dev', 'staging', 'prod'],
    at,
    portalBaseUrl: 'https://backstage.example.com',
  });

  it('matches the golden export of the default pack', () => {
    const actual = `# flagged:\n${exported.flagged
      .map(f => `#   ${f.guardrail}: ${f.reasons.join('; ')}\n`)
      .join('')}${toYaml(exported.objects)}`;
    expect(actual).toBe(golden('default-pack-admission.yaml', actual));
  });

  it('produces well-formed policies and bindings', () => {
    const policies = exported.objects.filter(
      o => o.kind === 'ValidatingAdmissionPolicy',
    ) as any[];
    const bindings = exported.objects.filter(
      o => o.kind === 'ValidatingAdmissionPolicyBinding',
    ) as any[];
    expect(policies.length + bindings.length).toBe(exported.objects.length);
    expect(policies.length + exported.flagged.length).toBe(
      pack.guardrails.length,
    );
    for (const policy of policies) {
      expect(policy.apiVersion).toBe('admissionregistration.k8s.io/v1');
      expect(policy.metadata.name).toMatch(/^guardrails\.[a-z0-9.-]+$/);
      expect(policy.spec.failurePolicy).toBe('Fail');
      const rules = policy.spec.matchConstraints.resourceRules;
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(Object.keys(rule).sort()).toEqual([
          'apiGroups',
          'apiVersions',
          'operations',
          'resources',
        ]);
        expect(
          [['CREATE', 'UPDATE'], ['DELETE']].map(ops => ops.join()),
        ).toContain(rule.operations.join());
        expect(rule.apiVersions).toEqual(['*']);
        for (const resource of rule.resources)
          expect(resource).toMatch(/^[a-z]+s$/);
      }
      const names = policy.spec.variables.map((v: any) => v.name);
      expect(new Set(names).size).toBe(names.length);
      expect(policy.spec.validations.length).toBeGreaterThan(0);
      for (const expression of [
        ...policy.spec.variables.map((v: any) => v.expression),
        ...policy.spec.validations.flatMap((v: any) =>
          [v.expression, v.messageExpression].filter(Boolean),
        ),
      ]) {
        expect(() =>
          compileCel(expression, { variables: ADMISSION_VARIABLES }),
        ).not.toThrow();
        // Expressions read the admitted object only through variables set up for them.
        expect(expression).not.toMatch(/\bnamespaceResources\b/);
      }
      const id = policy.metadata.name.slice('guardrails.'.length);
      const { title } = pack.guardrails.find(g => g.id === id)!;
      for (const validation of policy.spec.validations) {
        expect(validation.message).not.toMatch(/\n/);
        expect(validation.message.startsWith(`${id} (${title})`)).toBe(true);
      }
    }
    const policyNames = new Set(policies.map(p => p.metadata.name));
    for (const binding of bindings) {
      expect(policyNames.has(binding.spec.policyName)).toBe(true);
      const environment = binding.metadata.labels['guardrails.dev/environment'];
      const level = binding.metadata.labels['guardrails.dev/enforcement-level'];
      expect(binding.metadata.name).toBe(
        `${binding.spec.policyName}.${environment}`,
      );
      expect(binding.spec.validationActions).toEqual(
        VALIDATION_ACTIONS[level as keyof typeof VALIDATION_ACTIONS],
      );
      expect(binding.spec.matchResources).toEqual({
        namespaceSelector: {
          matchLabels: { 'guardrails.dev/environment': environment },
        },
      });
    }
  });

  it('binds each environment at its current stage only where the guardrail is in force', () => {
    const bindingsOf = (id: string) =>
      exported.objects
        .filter(
          o =>
            o.kind === 'ValidatingAdmissionPolicyBinding' &&
            (o.spec as any).policyName === `guardrails.${id}`,
        )
        .map(o => [
          (o.metadata as any).labels['guardrails.dev/environment'],
          (o.spec as any).validationActions,
        ]);
    expect(bindingsOf('pod.no-privileged')).toEqual([
      ['dev', ['Warn', 'Audit']],
      ['staging', ['Deny']],
      ['prod', ['Deny']],
    ]);
    expect(bindingsOf('workload.min-replicas')).toEqual([
      ['prod', ['Warn', 'Audit']],
    ]);
    expect(bindingsOf('pod.read-only-root-filesystem')).toEqual([
      ['dev', ['Audit']],
      ['staging', ['Audit']],
      ['prod', ['Warn', 'Audit']],
    ]);
  });

  it('decides in admission like the offline evaluation, for every exported fixture case', () => {
    const compiled = compilePack(pack);
    const policies = new Map(
      exported.objects
        .filter(o => o.kind === 'ValidatingAdmissionPolicy')
        .map(o => [(o.metadata as any).name, o]),
    );
    const fixtureDir = path.join(
      __dirname,
      '..',
      '__fixtures__',
      'default-pack',
    );
    let compared = 0;
    for (const name of fs
      .readdirSync(fixtureDir)
      .filter(n => n.endsWith('.yaml') && n !== 'compliant.yaml')) {
      const fixture = parse(
        fs.readFileSync(path.join(fixtureDir, name), 'utf8'),
      );
      const policy = policies.get(`guardrails.${fixture.guardrail}`);
      if (!policy) continue;
      for (const testCase of fixture.cases) {
        const [kind, objectName] = testCase.report.split('/');
        const target = testCase.objects.find(
          (o: KubernetesManifest) =>
            o.kind === kind && o.metadata?.name === objectName,
        );
        const offline = evaluateObjects(compiled, testCase.objects, {
          environment: fixture.environment ?? 'prod',
          at: new Date('2027-06-01T00:00:00Z'),
        }).find(
          r =>
            r.guardrail === fixture.guardrail &&
            r.resource.kind === kind &&
            r.resource.name === objectName,
        )!;
        expect(
          `${fixture.guardrail} / ${testCase.name}: ${admit(policy, target)}`,
        ).toBe(
          `${fixture.guardrail} / ${testCase.name}: ${
            offline.result === 'pass'
          }`,
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('inlines parameters and flags what cannot run in admission', () => {
    const custom = parsePack(
      [
        {
          path: 'custom.yaml',
          content: yamlDocuments(
            guardrailDocument('crd.widgets', {
              match: {
                resources: [{ apiGroups: ['example.com'], kinds: ['Widget'] }],
              },
              params: {
                max: 3,
                names: ['a', 'b'],
                nested: { on: true, ratio: 0.5 },
              },
              validations: [
                {
                  expression:
                    "size(object.spec.parts) <= params.max && 'params' != ''",
                },
              ],
            }),
            guardrailDocument('pod.old', {
              validations: [{ expression: 'oldObject == null' }],
            }),
            guardrailDocument('pod.shadow', {
              validations: [
                {
                  expression:
                    'object.spec.containers.all(object, object.name != "")',
                },
              ],
            }),
          ),
        },
      ],
      { now: NOW },
    ).pack;
    const result = exportValidatingAdmissionPolicies(custom, {
      environments: ['prod'],
      at: new Date('2027-03-01T00:00:00Z'),
      resourceNames: { Widget: 'widgets' },
    });
    expect(result.flagged).toEqual([
      {
        guardrail: 'pod.old',
        reasons: [
          'a pod rule reading oldObject cannot be rewritten for pod templates',
        ],
      },
      {
        guardrail: 'pod.shadow',
        reasons: ['a macro loop variable is named object, oldObject or params'],
      },
    ]);
    const [policy] = result.objects as any[];
    expect(policy.spec.matchConstraints.resourceRules).toEqual([
      {
        apiGroups: ['example.com'],
        apiVersions: ['*'],
        operations: ['CREATE', 'UPDATE'],
        resources: ['widgets'],
      },
    ]);
    expect(policy.spec.variables).toEqual([
      {
        name: 'guardrailsParams',
        expression:
          '{"max": dyn(3), "names": dyn(["a", "b"]), "nested": dyn({"on": dyn(true), "ratio": dyn(0.5)})}',
      },
    ]);
    expect(policy.spec.validations[0].expression).toBe(
      "size(object.spec.parts) <= variables.guardrailsParams.max && 'params' != ''",
    );
    const widget = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { parts: [1, 2] },
    };
    expect(admit(policy, widget)).toBe(true);
    expect(admit(policy, { ...widget, spec: { parts: [1, 2, 3, 4] } })).toBe(
      false,
    );

    const unnamed = exportValidatingAdmissionPolicies(custom, {
      environments: ['prod'],
      at: NOW,
    });
    expect(unnamed.flagged[0]).toEqual({
      guardrail: 'crd.widgets',
      reasons: [
        'no resource name known for kind Widget.example.com (pass resourceNames, e.g. Widget.example.com=<plural>)',
      ],
    });
  });
});
