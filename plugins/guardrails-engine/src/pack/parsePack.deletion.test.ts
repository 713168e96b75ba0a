import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import { thrownBy } from '../__testing__/files';
import {
  compilePack,
  evaluateObjects,
  isAdmissionOnly,
  PackValidationError,
  parsePack,
} from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');
const namespaces = { resources: [{ apiGroups: [''], kinds: ['Namespace'] }] };
const protectedDeletion = {
  expression:
    "has(oldObject.metadata.annotations) && 'keep' in oldObject.metadata.annotations",
};

function load(spec: Record<string, unknown>) {
  return parsePack(
    [
      {
        path: 'deletion.yaml',
        content: yamlDocuments(guardrailDocument('namespace.keep', spec)),
      },
    ],
    { now: NOW },
  );
}

function problemsOf(spec: Record<string, unknown>) {
  const error = thrownBy(() => load(spec));
  expect(error).toBeInstanceOf(PackValidationError);
  return (error as PackValidationError).problems.map(
    p => `${p.field} (line ${p.line}): ${p.message}`,
  );
}

describe('guardrails on DELETE', () => {
  it('load as admission-only and give the audit no results', () => {
    const { pack } = load({
      match: { ...namespaces, operations: ['DELETE'] },
      validations: [protectedDeletion],
    });
    const [guardrail] = pack.guardrails;
    expect(guardrail.match.operations).toEqual(['DELETE']);
    expect(isAdmissionOnly(guardrail)).toBe(true);
    const results = evaluateObjects(
      compilePack(pack),
      [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }],
      { environment: 'prod', at: new Date('2027-06-01T00:00:00Z') },
    );
    expect(results).toEqual([]);
  });

  it('are not mixed with writes, and name only known operations once', () => {
    expect(
      problemsOf({
        match: { ...namespaces, operations: ['DELETE', 'UPDATE'] },
        validations: [protectedDeletion],
      }),
    ).toEqual([
      'spec.match.operations (line 18): DELETE cannot be combined with CREATE or UPDATE: a deletion guardrail is admission-only and reads the deleted object as oldObject; write the checks of writes as another guardrail',
    ]);
    expect(
      problemsOf({ match: { ...namespaces, operations: ['CONNECT'] } }),
    ).toEqual([
      'spec.match.operations[0] (line 18): "CONNECT" is not an operation (CREATE, UPDATE, DELETE)',
    ]);
    expect(
      problemsOf({
        match: { ...namespaces, operations: ['CREATE', 'CREATE'] },
      }),
    ).toEqual(['spec.match.operations (line 18): names an operation twice']);
  });

  it('read the deleted object as oldObject, see no other objects and match no pods', () => {
    expect(
      problemsOf({
        match: {
          resources: [{ apiGroups: [''], kinds: ['Pod'] }],
          operations: ['DELETE'],
        },
        variables: [{ name: 'name', expression: 'object.metadata.name' }],
        validations: [
          {
            expression: "size(namespaceResources['Pod']) == 0",
            messageExpression: "'deleting ' + oldObject.metadata.name",
          },
        ],
      }),
    ).toEqual([
      'spec.match.resources (line 13): a DELETE guardrail cannot match Pods: pod rules check the pod templates of workloads being written, and a deletion writes none',
      'spec.variables[0].expression (line 33): object is null when an object is deleted: a DELETE guardrail reads the deleted object as oldObject',
      'spec.validations[0].expression (line 20): namespaceResources exists only in audits and the CLI, and a DELETE guardrail runs only at admission',
    ]);
  });

  it('leave guardrails on writes as they were: evaluated offline', () => {
    const { pack } = load({
      match: { ...namespaces, operations: ['CREATE'] },
      validations: [{ expression: 'false', message: 'no new namespaces' }],
    });
    expect(isAdmissionOnly(pack.guardrails[0])).toBe(false);
    const [result] = evaluateObjects(
      compilePack(pack),
      [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }],
      { environment: 'dev', at: NOW },
    );
    expect(result.message).toBe('no new namespaces');
  });
});
