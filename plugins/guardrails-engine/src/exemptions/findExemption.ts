import {
  Exemption,
  normalizeEntityRef,
} from '@guardrails-dev/plugin-guardrails-common';
import { parseInstant } from '../time';
import { clauseCovers, scopeClauses } from './exemptionScope';

/** What a guardrail result is about, as far as exemptions care. @public */
export interface ExemptionTarget {
  /** The catalog entity that owns the object, if known. */
  entityRef?: string;
  environment?: string;
  namespace?: string;
  resource?: {
    apiVersion?: string;
    kind: string;
    name: string;
    namespace?: string;
  };
}

/** An exemption covering a target: `active`, or `expired` (it no longer applies). @public */
export interface ExemptionMatch {
  status: 'active' | 'expired';
  exemption: Exemption;
}

function expiry(exemption: Exemption): number {
  const instant = parseInstant(exemption.expiresAt);
  if (!instant) {
    throw new Error(
      `Exemption ${exemption.name} has an invalid expiresAt "${exemption.expiresAt}"`,
    );
  }
  return instant.getTime();
}

/**
 * Whether an exemption is expired at `at`. It expires at its `expiresAt`
 * instant exactly: from then on it no longer applies.
 * @public
 */
export function isExemptionExpired(exemption: Exemption, at: Date): boolean {
  return expiry(exemption) <= at.getTime();
}

/**
 * Whether an exemption's guardrails and scope cover a target, regardless of
 * expiry. Every scope field given must match; omitted ones match anything.
 * A Namespace is in its own namespace. The admission export leaves out the
 * same scope, with the entity's objects given by the caller (`entityScopes`).
 * @public
 */
export function exemptionCovers(
  exemption: Exemption,
  guardrailId: string,
  target: ExemptionTarget,
): boolean {
  if (!exemption.guardrails.includes(guardrailId)) {
    return false;
  }
  const { entity, environments, namespaces, resources } = exemption.scope;
  if (entity !== undefined) {
    const ref = target.entityRef && normalizeEntityRef(target.entityRef);
    if (ref !== normalizeEntityRef(entity)) {
      return false;
    }
  }
  if (
    environments &&
    !(target.environment && environments.includes(target.environment))
  ) {
    return false;
  }
  if (namespaces === undefined && resources === undefined) {
    return entity !== undefined;
  }
  return scopeClauses({ namespaces, resources }).some(clause =>
    clauseCovers(clause, target),
  );
}

/**
 * The exemption covering a target at an instant: an active one when there is
 * one (the one running longest), otherwise the most recently expired one so
 * callers can report it, otherwise undefined.
 * @public
 */
export function findExemption(
  exemptions: ReadonlyArray<Exemption>,
  guardrailId: string,
  target: ExemptionTarget,
  at: Date,
): ExemptionMatch | undefined {
  let active: Exemption | undefined;
  let expired: Exemption | undefined;
  for (const exemption of exemptions) {
    if (!exemptionCovers(exemption, guardrailId, target)) {
      continue;
    }
    if (!isExemptionExpired(exemption, at)) {
      if (!active || expiry(exemption) > expiry(active)) active = exemption;
    } else if (!expired || expiry(exemption) > expiry(expired)) {
      expired = exemption;
    }
  }
  if (active) return { status: 'active', exemption: active };
  if (expired) return { status: 'expired', exemption: expired };
  return undefined;
}
