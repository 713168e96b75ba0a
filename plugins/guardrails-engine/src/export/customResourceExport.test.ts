import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import {
  exportValidatingAdmissionPolicies,
  kindsWithoutResourceNames,
  parsePack,
} from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');

const pack = parsePack(
  [
    {
      path: 'claims.yaml',
      content: yamlDocuments(
        guardrailDocument('claim.allowed-regions', {
          match: {
            resources: [
              {
                apiGroups: ['platform.example.org', 'legacy.example.org'],
                kinds: ['DatabaseClaim'],
              },
            ],
          },
          validations: [{ expression: "object.spec.region == 'eu-west-1'" }],
        }),
      ),
    },
  ],
  { now: NOW },
).pack;
const [claims] = pack.guardrails;

describe('export of guardrails on custom resources', () => {
  it('names each kind by its group-qualified resource name, one rule per distinct plural', () => {
    const { objects, flagged } = exportValidatingAdmissionPolicies(pack, {
      environments: ['prod'],
      at: NOW,
      resourceNames: {
        'DatabaseClaim.platform.example.org': 'databaseclaims',
        'DatabaseClaim.legacy.example.org': 'dbclaims',
      },
    });
    expect(flagged).toEqual([]);
    const rules = (objects[0] as any).spec.matchConstraints.resourceRules;
    expect(
      rules.map((r: any) => ({
        apiGroups: r.apiGroups,
        resources: r.resources,
      })),
    ).toEqual([
      { apiGroups: ['platform.example.org'], resources: ['databaseclaims'] },
      { apiGroups: ['legacy.example.org'], resources: ['dbclaims'] },
    ]);
  });

  it('keeps groups with the same plural in one rule, and reads a key without group for every group', () => {
    const { objects } = exportValidatingAdmissionPolicies(pack, {
      environments: ['prod'],
      at: NOW,
      resourceNames: { DatabaseClaim: 'databaseclaims' },
    });
    expect((objects[0] as any).spec.matchConstraints.resourceRules).toEqual([
      {
        apiGroups: ['platform.example.org', 'legacy.example.org'],
        apiVersions: ['*'],
        operations: ['CREATE', 'UPDATE'],
        resources: ['databaseclaims'],
      },
    ]);
  });

  it('lists the kinds still without a resource name, and flags the guardrail until each has one', () => {
    const names = { 'DatabaseClaim.platform.example.org': 'databaseclaims' };
    expect(kindsWithoutResourceNames(claims, names)).toEqual([
      { group: 'legacy.example.org', kind: 'DatabaseClaim' },
    ]);
    expect(
      exportValidatingAdmissionPolicies(pack, {
        environments: ['prod'],
        at: NOW,
        resourceNames: names,
      }).flagged,
    ).toEqual([
      {
        guardrail: 'claim.allowed-regions',
        reasons: [
          'no resource name known for kind DatabaseClaim.legacy.example.org (pass resourceNames, e.g. DatabaseClaim.legacy.example.org=<plural>)',
        ],
      },
    ]);
  });
});
