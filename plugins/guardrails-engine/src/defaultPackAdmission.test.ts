/**
 * @jest-environment node
 */
import { AdmissionCluster } from './__testing__/admissionCluster';
import {
  AdmissionFixture,
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

describe('admission-only guardrails of the default pack', () => {
  it('are the deletion protections, each with its cases', () => {
    const ids = pack.guardrails.filter(isAdmissionOnly).map(g => g.id);
    expect(ids.sort()).toEqual(fixtures.map(f => f.guardrail).sort());
  });

  describe.each(fixtures.map(f => [f.guardrail, f] as const))(
    '%s',
    (id, fixture) => {
      it.each(fixture.cases.map(c => [c.name, c] as const))(
        '%s',
        async (_, testCase) => {
          const environment = testCase.environment ?? 'prod';
          const exported = exportValidatingAdmissionPolicies(pack, {
            environments: [environment],
            at: new Date(fixture.at),
            portalBaseUrl: PORTAL,
          });
          const policies = exported.objects.filter(o =>
            (o.metadata?.name ?? '').startsWith(`guardrails.${id}`),
          );
          const objects = served(fixture, [...testCase.objects, ...policies]);
          const cluster = await AdmissionCluster.start(objects);
          try {
            const answer = await cluster.delete(
              objects[testCase.objects.length - 1],
            );
            expect(answer.admitted ? 'admitted' : 'denied').toBe(
              testCase.expect,
            );
            if (testCase.expect === 'denied') {
              expect(answer.status).toBe(422);
              expect(answer.message).toContain(
                `denied request: ${id} (${
                  pack.guardrails.find(g => g.id === id)!.title
                }): `,
              );
              expect(answer.message).toContain(testCase.message ?? '');
              expect(answer.message).toMatch(
                new RegExp(
                  `Details: ${PORTAL}/guardrails/catalog\\?guardrail=${id}$`,
                ),
              );
            }
          } finally {
            await cluster.close();
          }
        },
      );
    },
  );
});
