import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import {
  AdmissionExport,
  AdmissionExportOptions,
  exportValidatingAdmissionPolicies,
  GroupKind,
  nextAdmissionChange,
  UnresolvedExemption,
} from '@guardrails-dev/plugin-guardrails-engine';
import { ClusterAccess } from '@guardrails-dev/plugin-guardrails-node';
import {
  customKinds,
  discoveredResourceNames,
  namedPerCluster,
} from './customKinds';
import {
  AuditedOwnership,
  auditedEntityScopes,
  exemptedEntities,
} from './entityScopes';

/**
 * The admission export of a cluster as the audit sees the same cluster: the pack's exemptions (the audit honours
 * those and no others, and the export includes them, so none are passed besides), each entity's objects as the
 * audit attributed them, and messages linking to the portal at `app.baseUrl`.
 */
export class AdmissionExports {
  /** The guardrails admission can enforce; the others are never exported, so their stages change nothing there. */
  readonly exported: ReadonlySet<string>;
  private readonly customKinds: GroupKind[];

  constructor(
    private readonly options: {
      pack: GuardrailPack;
      ownership: AuditedOwnership;
      /** `app.baseUrl`, an absolute http(s) URL (the export throws otherwise). */
      portalBaseUrl?: string;
      /** Each cluster's discovery names the resources of kinds that are not built in (custom resources). */
      clusterAccess?: ClusterAccess;
    },
  ) {
    // Which guardrails are left out depends on the pack only; custom kinds are named per cluster at export.
    this.customKinds = options.clusterAccess ? customKinds(options.pack) : [];
    const { flagged } = exportValidatingAdmissionPolicies(options.pack, {
      environments: [],
      at: new Date(0),
      resourceNames: namedPerCluster(this.customKinds),
    });
    const left = new Set(flagged.map(f => f.guardrail));
    this.exported = new Set(
      options.pack.guardrails.map(g => g.id).filter(id => !left.has(id)),
    );
  }

  get pack(): GuardrailPack {
    return this.options.pack;
  }

  /** What a cluster serving `environments` should hold at `at`. */
  async export(
    cluster: string,
    environments: readonly string[],
    at: Date,
  ): Promise<AdmissionExport> {
    const { pack, ownership } = this.options;
    const entityScopes = await auditedEntityScopes(
      ownership,
      cluster,
      exemptedEntities(pack.exemptions, environments, at),
    );
    return exportValidatingAdmissionPolicies(pack, {
      environments,
      at,
      entityScopes,
      resourceNames: await this.resourceNames(cluster),
      ...this.portal(),
    });
  }

  /** The plurals of the pack's custom kinds the cluster serves; a guardrail on a kind it does not serve is flagged. */
  private async resourceNames(
    cluster: string,
  ): Promise<Record<string, string>> {
    const { clusterAccess } = this.options;
    if (!clusterAccess || this.customKinds.length === 0) return {};
    return discoveredResourceNames(
      clusterAccess.forCluster(cluster),
      this.customKinds,
    );
  }

  /** The active exemptions admission does not honour in a cluster; exports only when an exemption names an entity. */
  async unresolved(
    cluster: string,
    environments: readonly string[],
    at: Date,
  ): Promise<UnresolvedExemption[]> {
    const { pack } = this.options;
    if (exemptedEntities(pack.exemptions, environments, at).length === 0) {
      return [];
    }
    return (await this.export(cluster, environments, at)).unresolvedExemptions;
  }

  /**
   * When the export for `environments` may change next: a stage start, an honoured exemption's expiry, or the next
   * hour for the policies that read admission's clock (the deletion protections).
   */
  nextChange(environments: readonly string[], at: Date): Date | undefined {
    return nextAdmissionChange(this.options.pack, { environments, at });
  }

  private portal(): Pick<AdmissionExportOptions, 'portalBaseUrl'> {
    const { portalBaseUrl } = this.options;
    return portalBaseUrl !== undefined ? { portalBaseUrl } : {};
  }
}
