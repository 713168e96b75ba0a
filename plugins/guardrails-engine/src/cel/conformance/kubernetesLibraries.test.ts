/*
 * Cases ported from Kubernetes' own CEL tests (each table names its source
 * file) run through compileCel/evaluate. kubernetesKnownFailures.ts lists, with
 * a reason, the cases the engine still gets wrong; the test fails when a case
 * off that list fails and when a listed case passes (the list only shrinks).
 */
import { runKubernetesCase } from './kubernetesCase';
import { KUBERNETES_KNOWN_FAILURES } from './kubernetesKnownFailures';
import { KUBERNETES_TABLES } from './kubernetesTables';

const outcomes = new Map<string, string | undefined>();

describe('Kubernetes CEL library cases', () => {
  it.each(Object.keys(KUBERNETES_TABLES))('%s', table => {
    const unexpectedFailures: string[] = [];
    const nowPassing: string[] = [];
    for (const c of KUBERNETES_TABLES[table]) {
      const key = `${table}/${c.name}`;
      const failure = runKubernetesCase(c);
      outcomes.set(key, failure);
      const known = key in KUBERNETES_KNOWN_FAILURES;
      if (!failure && known) nowPassing.push(key);
      if (failure && !known) unexpectedFailures.push(`${key}: ${failure}`);
    }
    expect({ unexpectedFailures, nowPassing }).toEqual({
      unexpectedFailures: [],
      nowPassing: [],
    });
  });

  it('has unique case names and lists only existing cases', () => {
    const keys = Object.entries(KUBERNETES_TABLES).flatMap(([table, cases]) =>
      cases.map(c => `${table}/${c.name}`),
    );
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(
      Object.keys(KUBERNETES_KNOWN_FAILURES).filter(k => !keys.includes(k)),
    ).toEqual([]);
  });

  afterAll(() => {
    const failing = [...outcomes.values()].filter(Boolean).length;
    const total = outcomes.size;
    // eslint-disable-next-line no-console
    console.log(
      `Kubernetes CEL library cases: ${total - failing}/${total} pass (${(
        (100 * (total - failing)) /
        total
      ).toFixed(1)} %)`,
    );
  });
});
