import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  GUARDRAILS_ENVIRONMENT_RESOURCE_TYPE,
  guardrailsPermissions,
} from './index';

describe('permissions', () => {
  it('defines the suite permissions with their actions', () => {
    expect(
      guardrailsPermissions.map(p => [
        p.name,
        p.attributes.action,
        isResourcePermission(p) ? p.resourceType : '-',
      ]),
    ).toEqual([
      ['guardrails.report.read', 'read', '-'],
      ['guardrails.entity.report.read', 'read', RESOURCE_TYPE_CATALOG_ENTITY],
      ['guardrails.pack.read', 'read', '-'],
      ['guardrails.audit.run', 'update', '-'],
      [
        'guardrails.namespace.provision',
        'create',
        GUARDRAILS_ENVIRONMENT_RESOURCE_TYPE,
      ],
      ['guardrails.exemption.read', 'read', '-'],
      ['guardrails.enforcement.pause', 'update', '-'],
    ]);
    expect(GUARDRAILS_ENVIRONMENT_RESOURCE_TYPE).toBe('guardrails-environment');
    // Catalog policies' conditions apply only to permissions of the catalog's own resource type.
    expect(RESOURCE_TYPE_CATALOG_ENTITY).toBe('catalog-entity');
  });
});
