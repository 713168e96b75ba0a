import {
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  makeValidator,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { GuardrailsEntityProcessor } from './GuardrailsEntityProcessor';
import { ApiEntitySummary } from '@guardrails-dev/plugin-guardrails-common';
import { ComplianceSnapshot } from './types';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

function component(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
  };
}

function snapshotOf(
  entries: Record<string, ApiEntitySummary>,
): ComplianceSnapshot {
  return { get: async ref => entries[ref], provisionedFor: async () => [] };
}

describe('GuardrailsEntityProcessor', () => {
  const logger = mockServices.logger.mock();

  it('marks an entity the suite knows nothing about as unknown, never compliant', async () => {
    const processor = new GuardrailsEntityProcessor({
      snapshot: snapshotOf({}),
      logger,
    });
    const emit = jest.fn();
    const result = await processor.postProcessEntity(
      component(),
      location,
      emit,
    );
    expect(result.metadata.labels).toMatchObject({
      'guardrails.dev/compliance': 'unknown',
      'guardrails.dev/enforcement-level': 'none',
    });
    expect(emit).not.toHaveBeenCalled();
  });

  it('copies status, level, stage and counts from the snapshot', async () => {
    const processor = new GuardrailsEntityProcessor({
      snapshot: snapshotOf({
        'component:default/payments-api': {
          compliance: 'violating',
          enforcementLevel: 'block',
          rolloutStage: 'prod.block',
          violations: 3,
          warnings: 2,
          errors: 1,
          evaluatedAt: '2026-11-22T10:00:00.000Z',
        },
      }),
      logger,
    });
    const result = await processor.postProcessEntity(
      component(),
      location,
      jest.fn(),
    );
    expect(result.metadata.labels).toMatchObject({
      'guardrails.dev/compliance': 'violating',
      'guardrails.dev/enforcement-level': 'block',
      'guardrails.dev/rollout-stage': 'prod.block',
    });
    expect(result.metadata.annotations).toMatchObject({
      'guardrails.dev/fail-count': '3',
      'guardrails.dev/warn-count': '2',
      'guardrails.dev/error-count': '1',
      'guardrails.dev/evaluated-at': '2026-11-22T10:00:00.000Z',
    });
  });

  it("writes only what the catalog's entity policies accept, since it runs after them", async () => {
    const status = (rolloutStage: string): ApiEntitySummary => ({
      compliance: 'violating',
      enforcementLevel: 'warn',
      rolloutStage,
      violations: 1,
      warnings: 0,
      errors: 0,
      evaluatedAt: '2026-11-22T10:00:00.000Z',
    });
    const policies = EntityPolicies.allOf([
      new SchemaValidEntityPolicy(),
      new FieldFormatEntityPolicy(makeValidator()),
    ]);
    const valid = await new GuardrailsEntityProcessor({
      snapshot: snapshotOf({
        'component:default/payments-api': status('prod.warn'),
      }),
      logger,
    }).postProcessEntity(component(), location, jest.fn());
    await expect(policies.enforce(valid)).resolves.toBe(valid);

    // An environment name near the label limit makes a stage too long for a label: left off, the rest written.
    const long = await new GuardrailsEntityProcessor({
      snapshot: snapshotOf({
        'component:default/payments-api': status(`${'e'.repeat(60)}.warn`),
      }),
      logger,
    }).postProcessEntity(component(), location, jest.fn());
    expect(long.metadata.labels).not.toHaveProperty(
      'guardrails.dev/rollout-stage',
    );
    expect(long.metadata.labels?.['guardrails.dev/compliance']).toBe(
      'violating',
    );
    await expect(policies.enforce(long)).resolves.toBe(long);
  });

  it('finds an entity written with capitals under its lower-case ref', async () => {
    const processor = new GuardrailsEntityProcessor({
      snapshot: {
        provisionedFor: async () => [],
        get: async ref =>
          ref === 'component:payments/payments-api'
            ? {
                compliance: 'compliant',
                enforcementLevel: 'none',
                violations: 0,
                warnings: 0,
                errors: 0,
              }
            : undefined,
      },
      logger,
    });
    const entity = component();
    entity.metadata.name = 'Payments-API';
    entity.metadata.namespace = 'Payments';
    const result = await processor.postProcessEntity(
      entity,
      location,
      jest.fn(),
    );
    expect(result.metadata.labels?.['guardrails.dev/compliance']).toBe(
      'compliant',
    );
  });

  it('reports a malformed mapping annotation as an input error and keeps processing', async () => {
    const processor = new GuardrailsEntityProcessor({
      snapshot: snapshotOf({}),
      logger,
    });
    const emit = jest.fn();
    const result = await processor.postProcessEntity(
      component({
        'backstage.io/kubernetes-label-selector': 'app in (a, b',
        'backstage.io/kubernetes-namespace': 'Payments_NS',
      }),
      location,
      emit,
    );
    const errors = emit.mock.calls.map(([r]) => r);
    expect(errors).toHaveLength(2);
    expect(errors.every(e => e.type === 'error')).toBe(true);
    expect(errors.map(e => e.error.message).join('\n')).toMatch(
      /backstage\.io\/kubernetes-label-selector[\s\S]*backstage\.io\/kubernetes-namespace|backstage\.io\/kubernetes-namespace[\s\S]*backstage\.io\/kubernetes-label-selector/,
    );
    expect(result.metadata.labels?.['guardrails.dev/compliance']).toBe(
      'unknown',
    );
  });

  it('accepts equality and set-based selectors', async () => {
    const processor = new GuardrailsEntityProcessor({
      snapshot: snapshotOf({}),
      logger,
    });
    const emit = jest.fn();
    await processor.postProcessEntity(
      component({
        'backstage.io/kubernetes-label-selector':
          'app.kubernetes.io/name=payments,tier in (api, worker),!legacy',
        'backstage.io/kubernetes-id': 'payments-api',
      }),
      location,
      emit,
    );
    expect(emit).not.toHaveBeenCalled();
  });

  it('leaves entities that are neither components nor namespace resources alone', async () => {
    const processor = new GuardrailsEntityProcessor({
      snapshot: snapshotOf({}),
      logger,
    });
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments' },
      spec: { type: 'team', children: [] },
    };
    expect(await processor.postProcessEntity(group, location, jest.fn())).toBe(
      group,
    );
  });

  describe('relations to provisioned namespaces', () => {
    const status = (namespaces: string[]): ApiEntitySummary => ({
      compliance: 'compliant',
      enforcementLevel: 'none',
      violations: 0,
      warnings: 0,
      errors: 0,
      namespaces,
    });
    /** A snapshot whose summary lists namespace Resources under components. */
    const provisioned = (
      byComponent: Record<string, string[]>,
    ): ComplianceSnapshot => {
      const entries = Object.fromEntries(
        Object.entries(byComponent).map(([ref, ns]) => [ref, status(ns)]),
      );
      return {
        get: async ref => entries[ref],
        provisionedFor: async resource =>
          Object.keys(byComponent).filter(c =>
            byComponent[c].includes(resource),
          ),
      };
    };
    const namespaceResource = (name: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name },
      spec: { type: 'kubernetes-namespace', owner: 'group:default/payments' },
    });
    const relationsOf = (emit: jest.Mock) =>
      emit.mock.calls.map(([r]) => {
        expect(r.type).toBe('relation');
        const { source, type, target } = r.relation;
        return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
      });

    it('relates a namespace Resource to each component it was provisioned for, both ways', async () => {
      const processor = new GuardrailsEntityProcessor({
        snapshot: provisioned({
          'component:default/payments-api': [
            'resource:default/payments-api-dev',
            'resource:default/payments-api-prod',
          ],
          'component:default/ledger-worker': [
            'resource:default/payments-api-prod',
          ],
        }),
        logger,
      });
      const emit = jest.fn();
      await processor.postProcessEntity(
        namespaceResource('payments-api-prod'),
        location,
        emit,
      );
      expect(relationsOf(emit)).toEqual([
        'component:default/payments-api dependsOn Resource:default/payments-api-prod',
        'Resource:default/payments-api-prod dependencyOf component:default/payments-api',
        'component:default/ledger-worker dependsOn Resource:default/payments-api-prod',
        'Resource:default/payments-api-prod dependencyOf component:default/ledger-worker',
      ]);
    });

    it('emits no relation from a component, so it never points at a Resource the catalog lacks', async () => {
      // The summary lists namespaces the audit found in clusters, whether or not anyone registered their Resources.
      const emit = jest.fn();
      const result = await new GuardrailsEntityProcessor({
        snapshot: provisioned({
          'component:default/payments-api': [
            'resource:default/payments-api-dev',
            'resource:default/payments-api-prod',
          ],
        }),
        logger,
      }).postProcessEntity(component(), location, emit);
      expect(emit).not.toHaveBeenCalled();
      expect(result.metadata.labels?.['guardrails.dev/compliance']).toBe(
        'compliant',
      );
    });

    it('emits no relation for a namespace Resource no component was provisioned with, nor for other resources', async () => {
      const emit = jest.fn();
      const snapshot = provisioned({
        'component:default/payments-api': ['resource:default/payments-api-dev'],
      });
      await new GuardrailsEntityProcessor({
        snapshot,
        logger,
      }).postProcessEntity(namespaceResource('unrelated-dev'), location, emit);
      const database: Entity = {
        ...namespaceResource('payments-api-dev'),
        spec: { type: 'database', owner: 'group:default/payments' },
      };
      await new GuardrailsEntityProcessor({
        snapshot,
        logger,
      }).postProcessEntity(database, location, emit);
      expect(emit).not.toHaveBeenCalled();
    });

    it('skips a malformed component ref from the summary with a warning and keeps the others', async () => {
      const warn = mockServices.logger.mock();
      const processor = new GuardrailsEntityProcessor({
        snapshot: provisioned({
          'component:default/': ['resource:default/payments-api-prod'],
          'component:default/payments-api': [
            'resource:default/payments-api-prod',
          ],
        }),
        logger: warn,
      });
      const emit = jest.fn();
      await processor.postProcessEntity(
        namespaceResource('payments-api-prod'),
        location,
        emit,
      );
      expect(relationsOf(emit)).toEqual([
        'component:default/payments-api dependsOn Resource:default/payments-api-prod',
        'Resource:default/payments-api-prod dependencyOf component:default/payments-api',
      ]);
      expect(warn.warn).toHaveBeenCalledWith(
        expect.stringContaining("'component:default/'"),
      );
    });
  });
});
