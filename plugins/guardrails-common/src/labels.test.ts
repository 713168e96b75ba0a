import {
  decodeEntityRefFromLabel,
  encodeEntityRefForLabel,
  GUARDRAILS_ENTITY_REF_ANNOTATION,
  GUARDRAILS_ENVIRONMENT_LABEL,
  GUARDRAILS_MANAGED_BY_VALUE,
} from './index';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

describe('labels', () => {
  it('uses the guardrails.dev prefix', () => {
    expect(GUARDRAILS_ENVIRONMENT_LABEL).toBe('guardrails.dev/environment');
    expect(GUARDRAILS_ENTITY_REF_ANNOTATION).toBe('guardrails.dev/entity-ref');
    expect(GUARDRAILS_MANAGED_BY_VALUE).toBe('backstage-guardrails');
  });

  it('encodes entity refs as label values and decodes them back', () => {
    expect(encodeEntityRefForLabel('group:default/payments')).toBe(
      'group.default.payments',
    );
    expect(encodeEntityRefForLabel('Group:payments')).toBe(
      'group.default.payments',
    );
    expect(encodeEntityRefForLabel('component:shop/my.app_v2')).toBe(
      'component.shop.my.app_v2',
    );
    expect(decodeEntityRefFromLabel('group.default.payments')).toBe(
      'group:default/payments',
    );
    expect(decodeEntityRefFromLabel('component.shop.my.app_v2')).toBe(
      'component:shop/my.app_v2',
    );
    expect(decodeEntityRefFromLabel('payments')).toBeUndefined();
    expect(decodeEntityRefFromLabel('group..payments')).toBeUndefined();
  });

  it('shortens long refs to a valid 63-character value that does not decode', () => {
    const ref = `component:default/${'a'.repeat(40)}-${'b'.repeat(20)}`;
    const encoded = encodeEntityRefForLabel(ref);
    expect(encoded.length).toBeLessThanOrEqual(63);
    expect(encoded).toMatch(LABEL_VALUE);
    expect(encoded).toMatch(/--[0-9a-f]{8}$/);
    expect(encodeEntityRefForLabel(ref)).toBe(encoded);
    expect(encodeEntityRefForLabel(`${ref}c`)).not.toBe(encoded);
    expect(decodeEntityRefFromLabel(encoded)).toBeUndefined();
  });

  it('rejects what is not an entity ref', () => {
    expect(() => encodeEntityRefForLabel('payments')).toThrow(
      '"payments" is not an entity ref; expected kind:namespace/name or kind:name',
    );
  });
});
