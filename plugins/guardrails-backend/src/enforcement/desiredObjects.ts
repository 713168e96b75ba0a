import {
  GUARDRAILS_ENFORCEMENT_PAUSED_ANNOTATION as PAUSED_ANNOTATION,
  GUARDRAILS_ENVIRONMENT_LABEL,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  AdmissionExport,
  VALIDATION_ACTIONS,
} from '@guardrails-dev/plugin-guardrails-engine';
import { AdmissionObject, admissionObjects } from './admissionObject';
import type { ValidationAction } from '../db/EnforcementStore';

export const ADMISSION_API_VERSION = 'admissionregistration.k8s.io/v1';
export const POLICY_KIND = 'ValidatingAdmissionPolicy';
export const BINDING_KIND = 'ValidatingAdmissionPolicyBinding';

export { PAUSED_ANNOTATION };

/**
 * What a cluster should hold for the environments it syncs: the export the CLI prints (one source), with the
 * bindings of paused environments set to Audit, so nothing is denied or warned while every violation is still
 * recorded in the API server's audit log.
 */
export function desiredObjects(
  exported: AdmissionExport,
  paused: ReadonlySet<string>,
): AdmissionObject[] {
  const { objects } = exported;
  return admissionObjects(objects).map(kubeObject => {
    const environment = environmentOf(kubeObject);
    if (
      kubeObject.kind !== BINDING_KIND ||
      !environment ||
      !paused.has(environment)
    ) {
      return kubeObject;
    }
    const spec = kubeObject.spec as Record<string, unknown>;
    return {
      ...kubeObject,
      metadata: {
        ...kubeObject.metadata,
        annotations: {
          ...kubeObject.metadata.annotations,
          [PAUSED_ANNOTATION]: 'true',
        },
      },
      spec: { ...spec, validationActions: [...VALIDATION_ACTIONS.observe] },
    };
  });
}

export function environmentOf(object: AdmissionObject): string | undefined {
  return object.metadata.labels?.[GUARDRAILS_ENVIRONMENT_LABEL];
}

/** A binding's validation actions (the API server accepts no others); undefined for policies. */
export function actionsOf(
  object: AdmissionObject | undefined,
): ValidationAction[] | undefined {
  const actions = (object?.spec as { validationActions?: unknown } | undefined)
    ?.validationActions;
  return Array.isArray(actions) ? (actions as ValidationAction[]) : undefined;
}
