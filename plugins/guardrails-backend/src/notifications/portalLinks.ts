import { parseEntityRef } from '@guardrails-dev/plugin-guardrails-common';

/** Where notices point in the portal; relative to it when no `app.baseUrl` is configured. */
export interface PortalLinks {
  /** The component's Guardrails tab. */
  entityTab(entityRef: string): string;
  /** The platform page's entry of one guardrail: its rationale, remediation and rollout. */
  guardrail(guardrailId: string): string;
  /** The platform page's list of exemptions. */
  exemptions(): string;
}

export function portalLinks(baseUrl: string): PortalLinks {
  return {
    entityTab: entityRef => {
      const parts = parseEntityRef(entityRef);
      if (!parts) return `${baseUrl}/catalog`;
      const path = [parts.namespace, parts.kind, parts.name]
        .map(encodeURIComponent)
        .join('/');
      return `${baseUrl}/catalog/${path}/guardrails`;
    },
    guardrail: id =>
      `${baseUrl}/guardrails/catalog?guardrail=${encodeURIComponent(id)}`,
    exemptions: () => `${baseUrl}/guardrails/exemptions`,
  };
}
