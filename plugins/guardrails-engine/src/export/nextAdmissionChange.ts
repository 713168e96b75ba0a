import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import { isExemptionExpired } from '../exemptions/findExemption';
import { nextStage } from '../rollout/rollout';
import { parseInstant } from '../time';
import { nextClockTick } from './admissionClock';
import { usesClock } from './admissionPolicy';
import { admissionBlockers } from './admissionSupport';
import { AdmissionExportOptions } from './validatingAdmissionPolicies';

/**
 * The first instant after `options.at` at which
 * {@link exportValidatingAdmissionPolicies} with the same options may give
 * other objects: a rollout stage of an exported guardrail starting in one of
 * the environments, an exemption that admission honours expiring, or the
 * admission clock of a guardrail reading `variables.guardrailsNow` moving on
 * (see {@link ADMISSION_CLOCK_RESOLUTION_MS}). A sync waking then keeps
 * admission as the rollout calendar says. Undefined when nothing is due.
 * @public
 */
export function nextAdmissionChange(
  pack: GuardrailPack,
  options: AdmissionExportOptions,
): Date | undefined {
  const after = options.at.getTime();
  let next: number | undefined;
  const consider = (instant: number | undefined) => {
    if (
      instant !== undefined &&
      instant > after &&
      (next === undefined || instant < next)
    ) {
      next = instant;
    }
  };
  const exported = pack.guardrails.filter(
    g => admissionBlockers(g, options.resourceNames ?? {}).length === 0,
  );
  for (const guardrail of exported) {
    for (const environment of options.environments) {
      consider(
        nextStage(guardrail.rollout, environment, options.at)?.from.getTime(),
      );
    }
    if (usesClock(guardrail)) consider(nextClockTick(options.at).getTime());
  }
  const ids = new Set(exported.map(g => g.id));
  for (const exemption of [...pack.exemptions, ...(options.exemptions ?? [])]) {
    const scoped = exemption.scope.environments;
    if (
      !isExemptionExpired(exemption, options.at) &&
      exemption.guardrails.some(id => ids.has(id)) &&
      (!scoped || options.environments.some(e => scoped.includes(e)))
    ) {
      consider(parseInstant(exemption.expiresAt)?.getTime());
    }
  }
  return next === undefined ? undefined : new Date(next);
}
