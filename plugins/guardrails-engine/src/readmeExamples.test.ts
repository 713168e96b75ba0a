/**
 * @jest-environment node
 */
import {
  AdmissionAnswer,
  AdmissionCluster,
} from './__testUtils__/admissionCluster';
import { namespace } from './__testing__/admissionObjects';
import {
  fragmentExpressions,
  guardrailExamples,
  guardrailSpecFragments,
  ReadmeYamlBlock,
} from './__testing__/readmeExamples';
import { compileGuardrailExpression } from './guardrailCel';
import {
  compilePack,
  evaluateObjects,
  exportValidatingAdmissionPolicies,
  KubernetesManifest,
  parsePack,
} from './index';

/** What both the audit and admission must make of an object. */
type Outcome = 'pass' | 'warn' | 'fail';

interface ExampleCase {
  name: string;
  environment: string;
  object: KubernetesManifest;
  expect: Outcome;
}

// Examples are checked for the oldest release the exported policies run on.
const KUBERNETES_VERSION = '1.30';
const AT = new Date('2027-03-01T00:00:00Z');
const NAMESPACES: Record<string, string> = { prod: 'shop', dev: 'shop-dev' };

function pod(name: string, securityContext?: object): KubernetesManifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop' },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          ...(securityContext && { securityContext }),
        },
        { name: 'sidecar', image: 'envoy:1.31' },
      ],
    },
  };
}

function inNamespace(object: KubernetesManifest, ns: string) {
  return { ...object, metadata: { ...object.metadata, namespace: ns } };
}

const privilegedDeployment: KubernetesManifest = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'legacy', namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: 'legacy' } },
    template: {
      metadata: { labels: { app: 'legacy' } },
      spec: pod('x', { privileged: true }).spec,
    },
  },
};

/**
 * Objects each README example is tried on, by `README path#guardrail ID`: at least one that passes and
 * one that fails. An example without cases fails the test, so a new example gets some.
 */
const CASES: Record<string, ExampleCase[]> = {
  'plugins/guardrails-engine/README.md#pod.no-privileged': [
    {
      name: 'containers without a securityContext',
      environment: 'prod',
      object: pod('plain'),
      expect: 'pass',
    },
    {
      name: 'a securityContext that leaves privileged out',
      environment: 'prod',
      object: pod('non-root', { runAsNonRoot: true }),
      expect: 'pass',
    },
    {
      name: 'privileged: false',
      environment: 'prod',
      object: pod('unprivileged', { privileged: false }),
      expect: 'pass',
    },
    {
      name: 'a privileged container at block',
      environment: 'prod',
      object: pod('privileged', { privileged: true }),
      expect: 'fail',
    },
    {
      name: 'a privileged container at warn',
      environment: 'dev',
      object: inNamespace(pod('privileged', { privileged: true }), 'shop-dev'),
      expect: 'warn',
    },
    {
      name: "a Deployment's privileged pod template",
      environment: 'prod',
      object: privilegedDeployment,
      expect: 'fail',
    },
  ],
};

/** What admission made of a create: denied (422), admitted with warnings, or admitted silently. */
function admissionOutcome(answer: AdmissionAnswer): {
  outcome: Outcome | 'other';
  told: string;
} {
  if (!answer.admitted) {
    return {
      outcome: answer.status === 422 ? 'fail' : 'other',
      told: answer.message,
    };
  }
  const told = answer.warnings.join('\n');
  return { outcome: told ? 'warn' : 'pass', told };
}

/** Problem lines are the README's: the block is loaded after as many blank lines as precede it. */
function load(block: ReadmeYamlBlock) {
  return parsePack(
    [
      {
        path: block.readme,
        content: `${'\n'.repeat(block.line - 1)}${block.content}`,
      },
    ],
    { now: AT, kubernetesVersion: KUBERNETES_VERSION },
  ).pack;
}

const loadErrors: string[] = [];
const examples = guardrailExamples().flatMap(block => {
  try {
    return load(block).guardrails.map(g => ({
      key: `${block.readme}#${g.id}`,
      block,
      id: g.id,
    }));
  } catch (error) {
    loadErrors.push(String(error));
    return [];
  }
});

describe('README examples', () => {
  it(`load, for Kubernetes ${KUBERNETES_VERSION}`, () => {
    expect(loadErrors).toEqual([]);
  });

  it('are found, and every Guardrail example has objects that pass and fail', () => {
    const keys = examples.map(e => e.key);
    expect(keys).toContain(
      'plugins/guardrails-engine/README.md#pod.no-privileged',
    );
    expect(keys.sort()).toEqual(Object.keys(CASES).sort());
    for (const cases of Object.values(CASES)) {
      expect(cases.map(c => c.expect)).toEqual(
        expect.arrayContaining(['pass', 'fail']),
      );
    }
  });

  it.each(guardrailSpecFragments().map(b => [`${b.readme}:${b.line}`, b]))(
    'the guardrail fragment at %s compiles',
    (_, block) => {
      const expressions = fragmentExpressions(block as ReadmeYamlBlock);
      expect(expressions.length).toBeGreaterThan(0);
      for (const expression of expressions) {
        expect(() =>
          compileGuardrailExpression(expression, {
            kubernetesVersion: KUBERNETES_VERSION,
          }),
        ).not.toThrow();
      }
    },
  );

  const rows = examples.flatMap(example =>
    (CASES[example.key] ?? []).map(
      c => [`${example.key}: ${c.name}`, example, c] as const,
    ),
  );

  it.each(rows)(
    '%s: the audit and admission agree',
    async (_, example, testCase) => {
      const pack = load(example.block);
      const guardrail = pack.guardrails.find(g => g.id === example.id)!;
      const ns = namespace(
        NAMESPACES[testCase.environment],
        testCase.environment,
      );
      const audit = evaluateObjects(compilePack(pack), [ns, testCase.object], {
        environment: testCase.environment,
        at: AT,
      }).filter(
        r =>
          r.guardrail === example.id &&
          r.resource.kind === testCase.object.kind &&
          r.resource.name === testCase.object.metadata?.name,
      );
      expect(audit.map(r => r.result)).toEqual([testCase.expect]);
      const { message } = audit[0];

      const exported = exportValidatingAdmissionPolicies(pack, {
        environments: [testCase.environment],
        at: AT,
      });
      expect(exported.flagged).toEqual([]);
      const cluster = await AdmissionCluster.start([ns, ...exported.objects]);
      let answer: AdmissionAnswer;
      try {
        answer = await cluster.create(testCase.object);
      } finally {
        await cluster.close();
      }
      // A pass is told nothing; a warn or fail is told what the audit reports.
      const said = `${example.id} (${guardrail.title}): ${message}`;
      const { outcome, told } = admissionOutcome(answer);
      expect({
        outcome,
        silent: told === '',
        repeatsAudit: told.includes(said),
      }).toEqual({
        outcome: testCase.expect,
        silent: testCase.expect === 'pass',
        repeatsAudit: testCase.expect !== 'pass',
      });
    },
  );
});
