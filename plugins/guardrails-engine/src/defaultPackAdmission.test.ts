/**
 * @jest-environment node
 */
import { AdmissionCluster } from './__testUtils__/admissionCluster';
import {
  AdmissionFixture,
  AdmissionFixtureCase,
  readAdmissionFixtures,
  readDefaultPack,
} from './__testing__/defaultPack';
import {
  exportValidatingAdmissionPolicies,
  isAdmissionOnly,
  KubernetesManifest,
} from './index';

const PORTAL = 'https://backstage.example.com';
const { pack } = readDefaultPack(new Date('2026-11-22T00:00:00Z'));
const fixtures = readAdmissionFixtures();

/** Objects and policies as kube-simulator can serve them: `servedAs` replaces a kind it does not serve. */
function served(
  fixture: AdmissionFixture,
  objects: KubernetesManifest[],
): KubernetesManifest[] {
  const target = fixture.servedAs;
  if (!target) return objects;
  const guardrail = pack.guardrails.find(g => g.id === fixture.guardrail)!;
  const kinds = guardrail.match.resources.flatMap(r => r.kinds);
  return objects.map(object => {
    if (kinds.includes(object.kind)) {
      return { ...object, apiVersion: target.apiVersion, kind: target.kind };
    }
    if (object.kind !== 'ValidatingAdmissionPolicy') return object;
    const spec = object.spec as any;
    const rules = spec.matchConstraints.resourceRules.map((rule: any) => ({
      ...rule,
      resources: [target.resource],
    }));
    return {
      ...object,
      spec: {
        ...spec,
        matchConstraints: { ...spec.matchConstraints, resourceRules: rules },
      },
    };
  });
}

/** Deletes the case's last object from a cluster holding its objects and the guardrail's export. */
async function deleteLast(
  fixture: AdmissionFixture,
  testCase: AdmissionFixtureCase,
) {
  const exported = exportValidatingAdmissionPolicies(pack, {
    environments: [testCase.environment ?? 'prod'],
    at: new Date(fixture.at),
    portalBaseUrl: PORTAL,
  });
  const policies = exported.objects.filter(o =>
    (o.metadata?.name ?? '').startsWith(`guardrails.${fixture.guardrail}`),
  );
  const objects = served(fixture, [...testCase.objects, ...policies]);
  const cluster = await AdmissionCluster.start(objects);
  try {
    return await cluster.delete(objects[testCase.objects.length - 1]);
  } finally {
    await cluster.close();
  }
}

describe('admission-only guardrails of the default pack', () => {
  it('are the deletion protections, each with its cases', () => {
    const ids = pack.guardrails.filter(isAdmissionOnly).map(g => g.id);
    expect(ids.sort()).toEqual(fixtures.map(f => f.guardrail).sort());
  });

  const cases = fixtures.flatMap(fixture =>
    fixture.cases.map(
      testCase =>
        [`${fixture.guardrail}: ${testCase.name}`, fixture, testCase] as const,
    ),
  );

  it.each(cases.filter(([, , c]) => c.expect === 'admitted'))(
    '%s: admitted',
    async (_, fixture, testCase) => {
      const answer = await deleteLast(fixture, testCase);
      expect(answer).toMatchObject({ admitted: true, status: 200 });
    },
  );

  it.each(cases.filter(([, , c]) => c.expect === 'denied'))(
    '%s: denied, saying why and where to read on',
    async (_, fixture, testCase) => {
      const id = fixture.guardrail;
      const { title } = pack.guardrails.find(g => g.id === id)!;
      const answer = await deleteLast(fixture, testCase);
      expect(answer.status).toBe(422);
      expect(answer.message).toContain(`denied request: ${id} (${title}): `);
      expect(answer.message).toContain(testCase.message ?? '');
      expect(answer.message).toMatch(
        new RegExp(`Details: ${PORTAL}/guardrails/catalog\\?guardrail=${id}$`),
      );
    },
  );
});
