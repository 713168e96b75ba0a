import { StoredResult } from './types';
import { result, T1, T2, T3, testStores } from './__testUtils__';

const { databases, createStore } = testStores();

describe('DatabaseClusterAuditStore: sources and checks', () => {
  it.each(databases.eachSupportedId())(
    'replaces PolicyReport sources independently of the audit on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const fromReport = (name: string, source: string) =>
        result({ guardrail: 'require-labels', name, source });
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T1,
        results: [result({ name: 'web' })],
      });
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T1,
        sources: ['policyreport:kyverno', 'policyreport:trivy'],
        results: [
          fromReport('web', 'policyreport:kyverno'),
          fromReport('web', 'policyreport:trivy'),
        ],
      });
      const sourcesOf = async () =>
        (await store.resultsForEntity('component:default/payments')).map(
          r => `${r.source} ${r.guardrail} ${r.lastSeen}`,
        );

      // A new audit leaves the reports alone.
      expect(
        await store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T2,
          results: [],
        }),
      ).toEqual({ added: 0, kept: 0, removed: 1 });
      expect(await sourcesOf()).toEqual([
        `policyreport:kyverno require-labels ${T1.toISOString()}`,
        `policyreport:trivy require-labels ${T1.toISOString()}`,
      ]);

      // One report source replaced by name leaves the other alone.
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T2,
        sources: ['policyreport:kyverno'],
        results: [],
      });
      expect(await sourcesOf()).toEqual([
        `policyreport:trivy require-labels ${T1.toISOString()}`,
      ]);

      // The whole family also drops reports that no longer exist, but not the audit's results.
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T3,
        results: [result({ name: 'web' })],
      });
      expect(
        await store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T3,
          sources: ['policyreport:*'],
          results: [fromReport('api', 'policyreport:kyverno')],
        }),
      ).toEqual({ added: 1, kept: 0, removed: 1 });
      expect(await sourcesOf()).toEqual([
        `audit pod.no-privileged ${T3.toISOString()}`,
        `policyreport:kyverno require-labels ${T3.toISOString()}`,
      ]);

      await expect(
        store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T3,
          results: [fromReport('web', 'policyreport:kyverno')],
        }),
      ).rejects.toThrow(
        "results[0].source is 'policyreport:kyverno', which this audit does not replace (sources: audit)",
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'rejects results that do not belong to the audit, and merges duplicates into the most serious, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const replace = (results: StoredResult[]) =>
        store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T1,
          results,
        });
      await expect(replace([result({ cluster: 'dev-2' })])).rejects.toThrow(
        "results[0].cluster is 'dev-2', but this audit is of cluster 'dev-1'",
      );
      await expect(
        replace([result(), result({ environment: 'prod' })]),
      ).rejects.toThrow(
        "results[1].environment is 'prod', but cluster 'dev-1' is in environment 'dev'",
      );
      await expect(replace([result({ level: 'deny' as any })])).rejects.toThrow(
        'results[0].level must be one of observe, warn, block, auto-correct, got "deny"',
      );
      await expect(
        store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: new Date('not a date'),
          results: [],
        }),
      ).rejects.toThrow('auditedAt must be a valid Date');
      // Nothing was written by the rejected calls.
      expect(await store.clusterStatuses()).toEqual([]);

      expect(
        await replace([
          result({ result: 'pass' }),
          result({ result: 'fail', level: 'block', message: 'privileged' }),
          result({ result: 'warn' }),
        ]),
      ).toEqual({ added: 1, kept: 0, removed: 0 });
      const [only] = await store.resultsForEntity('component:default/payments');
      expect([only.result, only.message]).toEqual(['fail', 'privileged']);
    },
  );
});
