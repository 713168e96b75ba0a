import { parseAllDocuments } from 'yaml';
import { readDefaultPack } from './__testing__/defaultPack';
import {
  compilePack,
  evaluateObjects,
  isAdmissionOnly,
  KubernetesManifest,
} from './index';

const { pack } = readDefaultPack(new Date('2026-11-22T00:00:00Z'));
const compiled = compilePack(pack);
// After every stage date of the default pack: each plan is at its last stage.
const AFTER_ALL_ROLLOUTS = new Date('2027-06-01T00:00:00Z');

function objectsOf(example: string): KubernetesManifest[] {
  return parseAllDocuments(example)
    .map(document => document.toJS())
    .filter(object => object?.apiVersion && object?.kind);
}

/** The example applied where it names: its namespaces exist, as in a cluster. */
function withNamespaces(objects: KubernetesManifest[]): KubernetesManifest[] {
  const metadata = (o: KubernetesManifest) =>
    (o.metadata ?? {}) as { name?: string; namespace?: string };
  const names = new Set(
    objects.map(o => metadata(o).namespace).filter((n): n is string => !!n),
  );
  for (const o of objects) {
    if (o.kind === 'Namespace') names.delete(metadata(o).name!);
  }
  const namespaces = [...names].map(name => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
  }));
  return [...objects, ...namespaces];
}

describe("the default pack's remediation examples", () => {
  it('are given for every guardrail, each different', () => {
    const examples = pack.guardrails.map(g => g.remediationExample);
    expect(examples.filter(e => !e)).toEqual([]);
    expect(new Set(examples).size).toBe(examples.length);
  });

  it.each(
    pack.guardrails
      .filter(g => !isAdmissionOnly(g))
      .map(g => [g.id, g.remediationExample!] as const),
  )('%s: the objects of the example pass it in prod', (id, example) => {
    const objects = objectsOf(example);
    expect(objects.length).toBeGreaterThan(0);
    const results = evaluateObjects(compiled, withNamespaces(objects), {
      environment: 'prod',
      at: AFTER_ALL_ROLLOUTS,
    }).filter(r => r.guardrail === id);
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter(r => r.result !== 'pass')).toEqual([]);
  });
});
