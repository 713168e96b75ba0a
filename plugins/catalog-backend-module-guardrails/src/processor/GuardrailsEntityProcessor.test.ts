import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { GuardrailsEntityProcessor } from './GuardrailsEntityProcessor';
import { ApiEntitySummary } from '@guardrails-dev/plugin-guardrails-common';
import { ComplianceSnapshot } from './types';

const location = { type: 'url', target: 'https://example.com/catalog-info.yaml' };

function component(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:default/payments' },
  };
}

function snapshotOf(entries: Record<string, ApiEntitySummary>): ComplianceSnapshot {
  return { get: async ref => entries[ref] };
}

describe('GuardrailsEntityProcessor', () => {
  const logger = mockServices.logger.mock();

  it('marks an entity the suite knows nothing about as unknown, never compliant', async () => {
    const processor = new GuardrailsEntityProcessor({ snapshot: snapshotOf({}), logger });
    const emit = jest.fn();
    const result = await processor.preProcessEntity(component(), location, emit);
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
    const result = await processor.preProcessEntity(component(), location, jest.fn());
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

  it('reports a malformed mapping annotation as an input error and keeps processing', async () => {
    const processor = new GuardrailsEntityProcessor({ snapshot: snapshotOf({}), logger });
    const emit = jest.fn();
    const result = await processor.preProcessEntity(
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
    expect(result.metadata.labels?.['guardrails.dev/compliance']).toBe('unknown');
  });

  it('accepts equality and set-based selectors', async () => {
    const processor = new GuardrailsEntityProcessor({ snapshot: snapshotOf({}), logger });
    const emit = jest.fn();
    await processor.preProcessEntity(
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
    const processor = new GuardrailsEntityProcessor({ snapshot: snapshotOf({}), logger });
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments' },
      spec: { type: 'team', children: [] },
    };
    expect(await processor.preProcessEntity(group, location, jest.fn())).toBe(group);
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
    const withNamespaces = (namespaces: string[]) =>
      snapshotOf({ 'component:default/payments-api': status(namespaces) });
    const relationsOf = (emit: jest.Mock) =>
      emit.mock.calls.map(([r]) => {
        expect(r.type).toBe('relation');
        const { source, type, target } = r.relation;
        return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
      });

    it('relates a component to each namespace Resource provisioned for it, both ways', async () => {
      const processor = new GuardrailsEntityProcessor({
        snapshot: withNamespaces(['resource:default/payments-api-dev', 'resource:default/payments-api-prod']),
        logger,
      });
      const emit = jest.fn();
      const result = await processor.preProcessEntity(component(), location, emit);
      expect(result.metadata.labels?.['guardrails.dev/compliance']).toBe('compliant');
      expect(relationsOf(emit)).toEqual([
        'Component:default/payments-api dependsOn resource:default/payments-api-dev',
        'resource:default/payments-api-dev dependencyOf Component:default/payments-api',
        'Component:default/payments-api dependsOn resource:default/payments-api-prod',
        'resource:default/payments-api-prod dependencyOf Component:default/payments-api',
      ]);
    });

    it('emits no relation for a component without provisioned namespaces, nor for other kinds', async () => {
      const emit = jest.fn();
      await new GuardrailsEntityProcessor({ snapshot: snapshotOf({}), logger }).preProcessEntity(
        component(),
        location,
        emit,
      );
      const resource: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: 'payments-api' },
        spec: { type: 'kubernetes-namespace', owner: 'group:default/payments' },
      };
      // Even with namespaces in the summary under its ref, only components depend on namespaces.
      await new GuardrailsEntityProcessor({
        snapshot: { get: async () => status(['resource:default/x']) },
        logger,
      }).preProcessEntity(resource, location, emit);
      expect(emit).not.toHaveBeenCalled();
    });

    it('skips a malformed namespace ref from the summary with a warning and keeps the others', async () => {
      const warn = mockServices.logger.mock();
      const processor = new GuardrailsEntityProcessor({
        snapshot: withNamespaces(['resource:default/', 'resource:default/payments-api-prod']),
        logger: warn,
      });
      const emit = jest.fn();
      await processor.preProcessEntity(component(), location, emit);
      expect(relationsOf(emit)).toEqual([
        'Component:default/payments-api dependsOn resource:default/payments-api-prod',
        'resource:default/payments-api-prod dependencyOf Component:default/payments-api',
      ]);
      expect(warn.warn).toHaveBeenCalledWith(expect.stringContaining("'resource:default/'"));
    });
  });
});
