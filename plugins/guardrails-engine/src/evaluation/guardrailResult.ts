import { findExemption } from '../exemptions/findExemption';
import {
  AppliedExemption,
  EnforcementLevel,
  Exemption,
  GuardrailResult,
  isEnforcingLevel,
  ResourceRef,
} from '@guardrails-dev/plugin-guardrails-common';
import { checkGuardrail } from './checkGuardrail';
import { CompiledGuardrail } from './compilePack';
import { capMessage } from './messageLimit';

function toAppliedExemption(
  exemption: Exemption,
  status: 'active' | 'expired',
): AppliedExemption {
  return {
    name: exemption.name,
    status,
    reason: exemption.reason,
    justification: exemption.justification,
    owner: exemption.owner,
    approvedBy: exemption.approvedBy,
    expiresAt: exemption.expiresAt,
  };
}

/** Every message is bounded, whatever an expression or an exemption put in it. */
export function withBoundedMessage(result: GuardrailResult): GuardrailResult {
  const message = capMessage(result.message);
  return message === result.message ? result : { ...result, message };
}

/**
 * The result of one guardrail on one resource: skipped under an active
 * exemption, otherwise checked (an expired exemption is noted).
 */
export function resultFor(
  compiled: CompiledGuardrail,
  level: EnforcementLevel,
  resource: ResourceRef,
  source: string | undefined,
  check: () => ReturnType<typeof checkGuardrail>,
  exemption: ReturnType<typeof findExemption>,
): GuardrailResult {
  const { guardrail } = compiled;
  const base = {
    guardrail: guardrail.id,
    title: guardrail.title,
    resource,
    level,
    severity: guardrail.severity,
    category: guardrail.category,
    ...(source !== undefined ? { source } : {}),
  };
  if (exemption?.status === 'active') {
    const { name, reason, expiresAt, justification } = exemption.exemption;
    return {
      ...base,
      result: 'skip',
      message: `Exempted by ${name} (${reason}) until ${expiresAt}: ${justification}`,
      exemption: toAppliedExemption(exemption.exemption, 'active'),
    };
  }
  const outcome = check();
  const expired = exemption
    ? { exemption: toAppliedExemption(exemption.exemption, 'expired') }
    : {};
  const expiredNote = exemption
    ? ` (exemption ${exemption.exemption.name} expired at ${exemption.exemption.expiresAt})`
    : '';
  switch (outcome.outcome) {
    case 'pass':
      return { ...base, result: 'pass', message: guardrail.title, ...expired };
    case 'violated':
      return {
        ...base,
        result: isEnforcingLevel(level) ? 'fail' : 'warn',
        message: outcome.message + expiredNote,
        ...expired,
      };
    default:
      return {
        ...base,
        result: 'error',
        message: `Could not evaluate: ${outcome.message}${expiredNote}`,
        ...expired,
      };
  }
}
