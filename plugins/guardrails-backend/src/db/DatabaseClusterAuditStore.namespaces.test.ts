import { clusterAudits, result, T1, T2, T3, testStores } from './__testUtils__';

const { databases, createStore } = testStores();

describe('DatabaseClusterAuditStore: provisioned namespaces', () => {
  it.each(databases.eachSupportedId())(
    'records provisioned namespaces with each cluster audit, keeps them through a failure and replaces them on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const listed = async () =>
        (await store.provisionedNamespaces()).map(
          n => `${n.entityRef} ${n.cluster}/${n.namespace} (${n.environment})`,
        );
      const dev = clusterAudits(store);
      const prod = clusterAudits(store, 'prod-1', 'prod');
      // Namespaces as an audit finds them: name, environment and the ref of the component they were provisioned for.
      const provisioning = (
        ...namespaces: Array<[string, string, string]>
      ) => ({
        provisionedNamespaces: namespaces.map(
          ([namespace, environment, entityRef]) => ({
            namespace,
            environment,
            entityRef,
          }),
        ),
      });
      await dev(
        T1,
        [result()],
        provisioning(
          ['payments-dev', 'dev', 'Component:default/Payments'],
          ['ledger', 'dev', 'component:finance/ledger'],
        ),
      );
      await prod(
        T1,
        [],
        provisioning(['payments-prod', 'prod', 'component:default/payments']),
      );
      expect(await listed()).toEqual([
        'component:default/payments dev-1/payments-dev (dev)',
        'component:default/payments prod-1/payments-prod (prod)',
        'component:finance/ledger dev-1/ledger (dev)',
      ]);

      // A failed audit keeps what the last successful one found; a replacement without namespaces leaves them too.
      await store.markClusterFailed({
        cluster: 'dev-1',
        environment: 'dev',
        failedAt: T2,
        error: 'timeout',
      });
      await dev(T2, [], { sources: ['policyreport:*'] });
      expect(await listed()).toHaveLength(3);

      // The next audit of dev-1 replaces dev-1's namespaces only.
      await dev(
        T3,
        [],
        provisioning(['ledger', 'dev', 'component:finance/ledger']),
      );
      expect(await listed()).toEqual([
        'component:default/payments prod-1/payments-prod (prod)',
        'component:finance/ledger dev-1/ledger (dev)',
      ]);

      // Bad input is refused with the field named, and nothing changes.
      await expect(
        prod(T3, [], provisioning(['payments-prod', 'prod', 'payments'])),
      ).rejects.toThrow(
        "provisionedNamespaces[0].entityRef must be a full entity ref (kind:namespace/name), got 'payments'",
      );
      await expect(
        prod(
          T3,
          [],
          provisioning(
            ['shared', 'prod', 'component:default/a'],
            ['shared', 'prod', 'component:default/b'],
          ),
        ),
      ).rejects.toThrow(
        "provisionedNamespaces[1]: namespace 'shared' is given for both component:default/a and component:default/b",
      );
      expect(await listed()).toHaveLength(2);
    },
  );
});
