import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import { compilePack, evaluateObjects, parsePack } from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');
const AT = new Date('2027-03-01T00:00:00Z');

const pack = compilePack(
  parsePack(
    [
      {
        path: 'pack.yaml',
        content: yamlDocuments(
          guardrailDocument('quota.reported', {
            match: {
              resources: [{ apiGroups: [''], kinds: ['ResourceQuota'] }],
            },
            validations: [
              {
                expression:
                  'object.status.used.pods != object.status.hard.pods',
                message: 'the quota is used up',
              },
            ],
          }),
          guardrailDocument('quota.named', {
            match: {
              resources: [{ apiGroups: [''], kinds: ['ResourceQuota'] }],
            },
            validations: [
              { expression: "object.metadata.name != ''", message: 'unnamed' },
            ],
          }),
        ),
      },
    ],
    { now: NOW },
  ).pack,
);

const quota = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'compute', namespace: 'shop' },
  spec: { hard: { pods: '10' } },
};

describe('guardrails reading object.status', () => {
  it('do not apply to manifests, which no controller has reported on', () => {
    const results = evaluateObjects(pack, [quota], {
      environment: 'prod',
      at: AT,
      objectsFrom: 'manifests',
    });
    expect(results.map(r => [r.guardrail, r.result])).toEqual([
      ['quota.named', 'pass'],
    ]);
  });

  it('give an error, never a pass, on a live object without status', () => {
    const results = evaluateObjects(pack, [quota], {
      environment: 'prod',
      at: AT,
    });
    expect(results.map(r => [r.guardrail, r.result])).toEqual([
      ['quota.reported', 'error'],
      ['quota.named', 'pass'],
    ]);
  });
});
