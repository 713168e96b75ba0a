import {
  ApiEnvironmentList,
  ApiExemption,
  ApiExemptions,
  ApiGuardrailList,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  CompiledPack,
  exportValidatingAdmissionPolicies,
  isAdmissionOnly,
  rolloutStatus,
} from '@guardrails-dev/plugin-guardrails-engine';
import {
  EnvironmentDefinition,
  toBaselineSize,
} from '@guardrails-dev/plugin-guardrails-node';
import { customKinds, namedPerCluster } from '../enforcement/customKinds';
import { zeroCounts } from './compliance';
import { rolloutView } from './rolloutView';
import { DAY_MS } from './times';

const EXPIRING_SOON_DAYS = 14;

/** What the loaded pack and the environment map say, without any results: guardrails, environments, exemptions. */
export class PackViews {
  private readonly admission: Map<string, string[]>;

  constructor(
    private readonly options: {
      pack: CompiledPack;
      environments: EnvironmentDefinition[];
      now?: () => Date;
    },
  ) {
    // Which guardrails cannot run in admission does not change while the pack is loaded.
    const { flagged } = exportValidatingAdmissionPolicies(options.pack.pack, {
      environments: this.environmentNames,
      at: this.now(),
      // The sync names custom resources from each cluster's discovery.
      resourceNames: namedPerCluster(customKinds(options.pack.pack)),
    });
    this.admission = new Map(flagged.map(f => [f.guardrail, f.reasons]));
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private get environmentNames(): string[] {
    return this.options.environments.map(e => e.name);
  }

  hasGuardrail(id: string): boolean {
    return this.options.pack.pack.guardrails.some(g => g.id === id);
  }

  hasEnvironment(name: string): boolean {
    return this.environmentNames.includes(name);
  }

  guardrails(): ApiGuardrailList {
    const at = this.now();
    return {
      generatedAt: at.toISOString(),
      environments: this.environmentNames,
      guardrails: this.options.pack.pack.guardrails.map(g => ({
        id: g.id,
        title: g.title,
        category: g.category,
        severity: g.severity,
        rationale: g.rationale,
        remediation: g.remediation,
        ...(g.remediationExample
          ? { remediationExample: g.remediationExample }
          : {}),
        ...(g.docsUrl ? { docsUrl: g.docsUrl } : {}),
        ...(g.owner ? { owner: g.owner } : {}),
        ...(g.params ? { params: g.params } : {}),
        admissionOnly: isAdmissionOnly(g),
        admission: this.admission.has(g.id)
          ? { exportable: false, reason: this.admission.get(g.id)!.join('; ') }
          : { exportable: true },
        rollout: this.environmentNames.map(environment =>
          rolloutView(g, environment, at),
        ),
      })),
    };
  }

  environments(): ApiEnvironmentList {
    const at = this.now();
    return {
      environments: this.options.environments.map(environment => {
        const enforcement = { ...zeroCounts(), none: 0 };
        for (const guardrail of this.options.pack.pack.guardrails) {
          const level = rolloutStatus(guardrail, environment.name, at).level;
          enforcement[level ?? 'none'] += 1;
        }
        return {
          name: environment.name,
          title: environment.title,
          clusters: environment.clusters,
          podSecurity: environment.profile.podSecurity,
          networkPolicy: environment.profile.networkPolicy,
          ownerRole: environment.profile.ownerRole,
          sizes: Object.values(environment.profile.sizes).map(toBaselineSize),
          enforcement,
        };
      }),
    };
  }

  exemptions(): ApiExemptions {
    const now = this.now();
    const all: ApiExemption[] = this.options.pack.pack.exemptions.map(e => ({
      name: e.name,
      guardrails: e.guardrails,
      scope: e.scope,
      reason: e.reason,
      justification: e.justification,
      owner: e.owner,
      approvedBy: e.approvedBy,
      expiresAt: e.expiresAt,
      daysLeft: Math.floor((Date.parse(e.expiresAt) - now.getTime()) / DAY_MS),
    }));
    const isActive = (e: ApiExemption) =>
      Date.parse(e.expiresAt) > now.getTime();
    const active = all.filter(isActive);
    return {
      active,
      expiringSoon: active.filter(
        e =>
          Date.parse(e.expiresAt) - now.getTime() <=
          EXPIRING_SOON_DAYS * DAY_MS,
      ),
      expired: all.filter(e => !isActive(e)),
    };
  }
}
