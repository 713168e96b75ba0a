import {
  ApiImpact,
  ApiImpactItem,
  EnforcementLevel,
  isEnforcingLevel,
} from '@guardrails-dev/plugin-guardrails-common';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import { GuardrailsStore } from '../db';
import { ClusterCoverage } from './clusterCoverage';
import { latest } from './times';

/** What a guardrail at a given level in an environment would do to what runs there now. */
export class WhatIf {
  constructor(
    private readonly options: {
      store: Pick<GuardrailsStore, 'resultsForGuardrail' | 'clusterStatuses'>;
      environments: EnvironmentDefinition[];
    },
  ) {}

  /**
   * Clusters of the environment without data are listed as missing: what runs there is not counted, so an empty
   * answer never reads as "nothing affected" where nothing is known.
   */
  async impact(query: {
    guardrail: string;
    environment: string;
    level: EnforcementLevel;
  }): Promise<ApiImpact> {
    const [results, statuses] = await Promise.all([
      this.options.store.resultsForGuardrail(query.guardrail, {
        environment: query.environment,
      }),
      this.options.store.clusterStatuses(),
    ]);
    const coverage = ClusterCoverage.of(this.options.environments, statuses);
    const outcome = outcomeAt(query.level);
    const affected: ApiImpactItem[] = [];
    const exempted: ApiImpact['exempted'] = [];
    for (const r of results) {
      if (r.result === 'pass') continue;
      const item: ApiImpactItem = {
        ...(r.entityRef ? { entityRef: r.entityRef } : {}),
        ...(r.owner ? { owner: r.owner } : {}),
        resource: {
          ...r.resource,
          cluster: r.cluster,
          environment: r.environment,
        },
        outcome,
        message: r.message,
      };
      if (r.result === 'skip' && r.exemption?.status === 'active') {
        exempted.push({ ...item, exemption: r.exemption.name });
      } else if (r.result !== 'skip') {
        affected.push(item);
      }
    }
    const namespaces = new Set(
      affected.map(
        a =>
          `${a.resource.cluster}/${
            a.resource.kind === 'Namespace'
              ? a.resource.name
              : a.resource.namespace ?? ''
          }`,
      ),
    );
    const evaluatedAt = latest(results.map(r => r.lastSeen));
    return {
      guardrail: query.guardrail,
      environment: query.environment,
      level: query.level,
      ...(evaluatedAt ? { evaluatedAt } : {}),
      affected,
      exempted,
      totals: {
        entities: new Set(
          affected.filter(a => a.entityRef).map(a => a.entityRef),
        ).size,
        namespaces: namespaces.size,
        workloads: affected.filter(a => a.resource.kind !== 'Namespace').length,
        unowned: affected.filter(a => !a.entityRef).length,
      },
      missing: coverage.missingIn(query.environment),
      stale: coverage.staleIn(query.environment),
    };
  }
}

function outcomeAt(level: EnforcementLevel): ApiImpactItem['outcome'] {
  if (level === 'auto-correct') return 'corrected';
  if (isEnforcingLevel(level)) return 'blocked';
  return level === 'warn' ? 'warned' : 'observed';
}
