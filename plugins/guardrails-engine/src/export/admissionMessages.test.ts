/**
 * @jest-environment node
 */
import { AdmissionCluster } from '../__testUtils__/admissionCluster';
import { namespace } from '../__testing__/admissionObjects';
import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import {
  exportValidatingAdmissionPolicies,
  guardrailPortalUrl,
  KubernetesManifest,
  MAX_MESSAGE_BYTES,
  parsePack,
} from '../index';

const AT = new Date('2027-06-01T00:00:00Z');
const PORTAL = 'https://portal.example.com/backstage/';
const linkTo = (id: string) =>
  `https://portal.example.com/backstage/guardrails/catalog?guardrail=${id}`;
const configMaps = { resources: [{ apiGroups: [''], kinds: ['ConfigMap'] }] };
const NOTE =
  "has(object.metadata.annotations) && 'note' in object.metadata.annotations ? object.metadata.annotations['note'] : ''";

function guardrail(id: string, level: 'warn' | 'block', validation: object) {
  return guardrailDocument(id, {
    title: `Title of ${id}`,
    match: configMaps,
    validations: [validation],
    rollout: {
      prod:
        level === 'warn'
          ? [{ level: 'warn' }]
          : [{ level: 'warn' }, { level: 'block', from: '2027-01-01' }],
    },
  });
}

const { pack } = parsePack(
  [
    {
      path: 'messages.yaml',
      content: yamlDocuments(
        guardrail('config.denied', 'block', {
          expression: '!has(object.data)',
          message: 'config maps hold no data here.',
        }),
        guardrail('config.warned', 'warn', {
          expression:
            "!has(object.metadata.labels) || !('bad' in object.metadata.labels)",
          messageExpression: "'labelled bad: ' + object.metadata.name",
        }),
        guardrail('config.noted', 'block', {
          expression: `(${NOTE}) == ''`,
          message: 'a note is set',
          messageExpression: NOTE,
        }),
      ),
    },
  ],
  { now: AT },
);

let cluster: AdmissionCluster;
beforeAll(async () => {
  const { objects } = exportValidatingAdmissionPolicies(pack, {
    environments: ['prod'],
    at: AT,
    portalBaseUrl: PORTAL,
  });
  cluster = await AdmissionCluster.start([
    namespace('shop', 'prod'),
    ...objects,
  ]);
});
afterAll(() => cluster.close());

let count = 0;
function configMap(
  metadata: KubernetesManifest['metadata'] = {},
  data?: Record<string, string>,
): KubernetesManifest {
  count++;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm-${count}`, namespace: 'shop', ...metadata },
    ...(data ? { data } : {}),
  };
}

/** The guardrail's own message in a denial or warning. */
function policyMessage(text: string): string {
  return text.replace(/^.*?(denied request|with binding '[^']+'): /, '');
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('admission messages', () => {
  it('name the guardrail and its title and end with its portal page', async () => {
    const answer = await cluster.create(configMap({}, { a: '1' }));
    expect(answer.status).toBe(422);
    expect(policyMessage(answer.message)).toBe(
      `config.denied (Title of config.denied): config maps hold no data here. Details: ${linkTo(
        'config.denied',
      )}`,
    );
  });

  it('arrive as a warning at warn, with the dynamic part of the message expression', async () => {
    const answer = await cluster.create(
      configMap({ name: 'labelled', labels: { bad: 'true' } }),
    );
    expect(answer.admitted).toBe(true);
    expect(answer.warnings).toHaveLength(1);
    expect(policyMessage(answer.warnings[0])).toBe(
      `config.warned (Title of config.warned): labelled bad: labelled. Details: ${linkTo(
        'config.warned',
      )}"`,
    );
  });

  it('fall back to the message when the expression yields nothing', async () => {
    const answer = await cluster.create(
      configMap({ annotations: { note: '  ' } }),
    );
    expect(policyMessage(answer.message)).toBe(
      `config.noted (Title of config.noted): a note is set. Details: ${linkTo(
        'config.noted',
      )}`,
    );
  });

  it.each([
    ['ASCII', 'x'.repeat(3000)],
    ['non-ASCII', 'é€'.repeat(1500)],
  ])(
    'stay within 1 KiB, link included, however long a %s dynamic part is',
    async (_, note) => {
      const answer = await cluster.create(configMap({ annotations: { note } }));
      const message = policyMessage(answer.message);
      expect(message.startsWith('config.noted (Title of config.noted): ')).toBe(
        true,
      );
      expect(message).toContain('… (message cut at 1 KiB)');
      expect(message.endsWith(`Details: ${linkTo('config.noted')}`)).toBe(true);
      expect(bytes(message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    },
  );

  it('cut a long static message in the middle, keeping the link', () => {
    const long = parsePack(
      [
        {
          path: 'long.yaml',
          content: yamlDocuments(
            guardrail('config.long', 'block', {
              expression: 'true',
              message: 'ü'.repeat(2000),
            }),
          ),
        },
      ],
      { now: AT },
    ).pack;
    const [policy] = exportValidatingAdmissionPolicies(long, {
      environments: ['prod'],
      at: AT,
      portalBaseUrl: PORTAL,
    }).objects as any[];
    const message: string = policy.spec.validations[0].message;
    expect(bytes(message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(message.endsWith(`Details: ${linkTo('config.long')}`)).toBe(true);
  });

  it('link to the portal only when given a valid base URL', () => {
    expect(
      guardrailPortalUrl('http://localhost:3000', 'pod.no-privileged'),
    ).toBe(
      'http://localhost:3000/guardrails/catalog?guardrail=pod.no-privileged',
    );
    expect(() =>
      exportValidatingAdmissionPolicies(pack, {
        environments: ['prod'],
        at: AT,
        portalBaseUrl: 'backstage.example.com',
      }),
    ).toThrow(
      'portalBaseUrl "backstage.example.com" is not an absolute http(s) URL, e.g. https://backstage.example.com',
    );
    const [policy] = exportValidatingAdmissionPolicies(pack, {
      environments: ['prod'],
      at: AT,
    }).objects as any[];
    expect(policy.spec.validations[0].message).toBe(
      'config.denied (Title of config.denied): config maps hold no data here.',
    );
  });
});
