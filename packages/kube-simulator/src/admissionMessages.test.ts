import {
  binding,
  configMap,
  createAll,
  namespace,
  policy,
} from './__testUtils__/admission';
import { expectStatus, uniqueName, useSimulator } from './__testUtils__/kube';
import { kubectlFor, runKubectlTests } from './__testUtils__/kubectl';

/** One policy per validation, each bound with Deny to ConfigMaps labelled `case: <name>`. */
const cases: Record<string, Record<string, unknown>> = {
  'no-message': { expression: "  object.data.mode == 'safe'  " },
  'static-message': { expression: 'false', message: '  mode must be safe ' },
  'message-expression': {
    expression: 'false',
    message: 'static',
    messageExpression: "'mode ' + object.data.mode + ' is not safe'",
  },
  'message-expression-not-string': {
    expression: 'false',
    message: 'fallback for a non-string',
    messageExpression: 'size(object.data)',
  },
  'message-expression-error': {
    expression: 'false',
    message: 'fallback for an error',
    messageExpression: 'object.data.missing',
  },
  'message-expression-multiline': {
    expression: 'false',
    messageExpression: "'two\\nlines'",
  },
  forbidden: { expression: 'false', message: 'no', reason: 'Forbidden' },
  unauthorized: { expression: 'false', message: 'no', reason: 'Unauthorized' },
  'too-large': {
    expression: 'false',
    message: 'no',
    reason: 'RequestEntityTooLarge',
  },
  'non-boolean': { expression: "dyn('yes')" },
};

function casePolicies() {
  return Object.entries(cases).flatMap(([name, validation]) => [
    policy(name, { validations: [validation] }),
    binding(name, name, ['Deny'], {
      matchResources: { objectSelector: { matchLabels: { case: name } } },
    }),
  ]);
}

describe('denial messages, reasons and codes', () => {
  const env = useSimulator();
  const ns = uniqueName('messages');

  beforeAll(async () => {
    await createAll(env().k, namespace(ns), ...casePolicies());
  });

  async function denial(name: string, code = 422) {
    const status = await expectStatus(
      env().k.objects.create(
        configMap(ns, `cm-${name}`, { mode: 'risky' }, { case: name }),
      ),
      code,
    );
    const prefix = `configmaps "cm-${name}" is forbidden: ValidatingAdmissionPolicy '${name}' with binding '${name}' denied request: `;
    expect(status.message.startsWith(prefix)).toBe(true);
    return { ...status, text: status.message.slice(prefix.length) };
  }

  it.each([
    ['no-message', "failed expression: object.data.mode == 'safe'"],
    ['static-message', 'mode must be safe'],
    ['message-expression', 'mode risky is not safe'],
    ['message-expression-not-string', 'fallback for a non-string'],
    ['message-expression-error', 'fallback for an error'],
    ['message-expression-multiline', 'failed expression: false'],
    ['non-boolean', "failed expression: dyn('yes')"],
  ])('%s: %s', async (name, text) => {
    expect((await denial(name)).text).toBe(text);
  });

  it.each([
    ['forbidden', 403, 'Forbidden'],
    ['unauthorized', 401, 'Unauthorized'],
    ['too-large', 413, 'RequestEntityTooLarge'],
  ])('reason %s answers %i %s', async (name, code, reason) => {
    expect((await denial(name, code)).reason).toBe(reason);
  });

  it('names an object created with generateName by the name generated for it', async () => {
    const status = await expectStatus(
      env().k.core.createNamespacedConfigMap({
        namespace: ns,
        body: {
          metadata: {
            generateName: 'gen-',
            labels: { case: 'static-message' },
          },
        },
      }),
      422,
    );
    expect(status.message).toMatch(
      /^configmaps "gen-[a-z0-9]{5}" is forbidden: /,
    );
  });
});

(runKubectlTests ? describe : describe.skip)(
  'denial messages through kubectl',
  () => {
    const env = useSimulator();
    const kubectl = kubectlFor(() => env().sim.url);
    const ns = uniqueName('kubectl-messages');

    beforeAll(async () => {
      await createAll(env().k, namespace(ns), ...casePolicies());
    });

    it.each([
      [
        'static-message',
        /^The configmaps "k-static-message" is invalid: : /,
        'mode must be safe',
      ],
      ['forbidden', /^Error from server \(Forbidden\)/, 'no'],
    ])('kubectl create -f shows the %s denial', async (name, start, text) => {
      const file = kubectl.file(
        `${name}.yaml`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k-${name}, namespace: ${ns}, labels: {case: ${name}}}\n`,
      );
      const result = await kubectl.run('create', '-f', file);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(start);
      expect(result.stderr).toContain(
        `ValidatingAdmissionPolicy '${name}' with binding '${name}' denied request: ${text}`,
      );
    });
  },
);
