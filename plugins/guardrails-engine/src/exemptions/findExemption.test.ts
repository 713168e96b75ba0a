import { Exemption } from '@guardrails-dev/plugin-guardrails-common';
import { exemptionCovers, findExemption, isExemptionExpired } from '../index';

const exemption = (
  name: string,
  overrides: Partial<Exemption> = {},
): Exemption => ({
  name,
  guardrails: ['pod.run-as-non-root'],
  scope: {
    entity: 'component:default/payments',
    environments: ['dev', 'staging'],
  },
  reason: 'migration',
  justification: 'Base image moves to a non-root user this sprint.',
  owner: 'group:default/payments',
  approvedBy: 'user:default/platform-lead',
  expiresAt: '2027-01-31T00:00:00Z',
  ...overrides,
});

const target = {
  entityRef: 'Component:default/Payments',
  environment: 'dev',
  namespace: 'payments',
  resource: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'payments-api',
    namespace: 'payments',
  },
};
const before = new Date('2027-01-30T23:59:59.999Z');

describe('exemptions', () => {
  it('applies to the guardrails and scope it names, comparing entity refs case-insensitively', () => {
    expect(
      findExemption([exemption('a')], 'pod.run-as-non-root', target, before),
    ).toEqual({
      status: 'active',
      exemption: exemption('a'),
    });
    expect(
      findExemption([exemption('a')], 'pod.no-privileged', target, before),
    ).toBeUndefined();
    expect(
      findExemption(
        [exemption('a')],
        'pod.run-as-non-root',
        { ...target, environment: 'prod' },
        before,
      ),
    ).toBeUndefined();
    expect(
      findExemption(
        [exemption('a')],
        'pod.run-as-non-root',
        { ...target, entityRef: undefined },
        before,
      ),
    ).toBeUndefined();
  });

  it('expires at its expiresAt instant exactly', () => {
    const expiry = new Date('2027-01-31T00:00:00Z');
    expect(isExemptionExpired(exemption('a'), before)).toBe(false);
    expect(isExemptionExpired(exemption('a'), expiry)).toBe(true);
    expect(
      findExemption([exemption('a')], 'pod.run-as-non-root', target, expiry),
    ).toEqual({
      status: 'expired',
      exemption: exemption('a'),
    });
  });

  it('prefers an active exemption, then the longest running one, then the latest expired', () => {
    const expired = exemption('expired', { expiresAt: '2027-01-01' });
    const olderExpired = exemption('older', { expiresAt: '2026-12-01' });
    const short = exemption('short', { expiresAt: '2027-02-01' });
    const long = exemption('long', { expiresAt: '2027-02-15' });
    const at = new Date('2027-01-15T00:00:00Z');
    expect(
      findExemption(
        [olderExpired, expired, short, long],
        'pod.run-as-non-root',
        target,
        at,
      ),
    ).toEqual({
      status: 'active',
      exemption: long,
    });
    expect(
      findExemption([olderExpired, expired], 'pod.run-as-non-root', target, at),
    ).toEqual({
      status: 'expired',
      exemption: expired,
    });
  });

  it('matches namespaces and resources, with every given scope field required', () => {
    const byNamespace = exemption('ns', {
      scope: { namespaces: ['payments'] },
    });
    const byResource = exemption('res', {
      scope: {
        resources: [{ kind: 'Deployment', name: 'payments-api' }],
        environments: ['dev'],
      },
    });
    const byOtherResource = exemption('other', {
      scope: {
        resources: [
          { kind: 'Deployment', name: 'payments-api', namespace: 'billing' },
        ],
      },
    });
    const byApiVersion = exemption('v', {
      scope: {
        resources: [
          {
            apiVersion: 'apps/v1beta1',
            kind: 'Deployment',
            name: 'payments-api',
          },
        ],
      },
    });
    expect(exemptionCovers(byNamespace, 'pod.run-as-non-root', target)).toBe(
      true,
    );
    expect(
      exemptionCovers(byNamespace, 'pod.run-as-non-root', {
        ...target,
        namespace: 'x',
        resource: undefined,
      }),
    ).toBe(false);
    expect(exemptionCovers(byResource, 'pod.run-as-non-root', target)).toBe(
      true,
    );
    expect(
      exemptionCovers(byResource, 'pod.run-as-non-root', {
        ...target,
        environment: 'staging',
      }),
    ).toBe(false);
    expect(
      exemptionCovers(byOtherResource, 'pod.run-as-non-root', target),
    ).toBe(false);
    expect(exemptionCovers(byApiVersion, 'pod.run-as-non-root', target)).toBe(
      false,
    );
  });
});
