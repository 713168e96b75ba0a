import {
  ApiReadiness,
  GuardrailPack,
} from '@guardrails-dev/plugin-guardrails-common';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import { Knex } from 'knex';
import type { GuardrailsStore } from '../db';
import { readSentStageNotices } from '../db/readinessNotices';
import { readReadinessResults } from '../db/readinessResults';
import {
  burnDownOf,
  burnDownStart,
  day,
  notifiedOf,
} from './readinessBurnDown';
import { upcomingChanges } from './readinessChanges';
import { readinessObjects } from './readinessObjects';
import { ClusterCoverage } from './clusterCoverage';
import { DAY_MS } from './times';

/** How far ahead stage changes are listed. */
export const READINESS_HORIZON_DAYS = 60;

/**
 * Rollout readiness: each stage change ahead with what it would affect now, who owns that, what they were told and
 * how the count went down since. Four queries, whatever the number of components: results, notices, history and
 * cluster audits.
 */
export class ReadinessService {
  constructor(
    private readonly options: {
      db: Knex;
      store: Pick<GuardrailsStore, 'history' | 'clusterStatuses'>;
      pack: GuardrailPack;
      environments: EnvironmentDefinition[];
      now: () => Date;
    },
  ) {}

  async readiness(): Promise<ApiReadiness> {
    const { db, store, pack, environments } = this.options;
    const now = this.options.now();
    const changes = upcomingChanges(
      pack.guardrails,
      environments.map(e => e.name),
      now,
      READINESS_HORIZON_DAYS,
    );
    const guardrails = [...new Set(changes.map(c => c.guardrail.id))];
    const [results, notices, statuses] = await Promise.all([
      readReadinessResults(db, {
        guardrails,
        environments: [...new Set(changes.map(c => c.environment))],
      }),
      readSentStageNotices(db, guardrails),
      store.clusterStatuses(),
    ]);
    const coverage = ClusterCoverage.of(environments, statuses);
    const notified = changes.map(change => notifiedOf(change, notices));
    const today = day(now);
    const starts = notified.map(n => burnDownStart(n, now));
    const history =
      changes.length === 0
        ? []
        : await store.history({
            from: new Date(
              Math.min(...starts.map(s => Date.parse(`${s}T00:00:00Z`))),
            ),
            to: now,
          });
    return {
      generatedAt: now.toISOString(),
      horizonDays: READINESS_HORIZON_DAYS,
      changes: changes.map((change, i) => {
        const affected = readinessObjects(change, results, pack.exemptions);
        return {
          guardrail: change.guardrail.id,
          title: change.guardrail.title,
          environment: change.environment,
          level: change.level,
          ...(change.previousLevel
            ? { previousLevel: change.previousLevel }
            : {}),
          from: change.from.toISOString(),
          daysUntil: Math.ceil(
            (change.from.getTime() - now.getTime()) / DAY_MS,
          ),
          ...(affected.evaluatedAt
            ? { evaluatedAt: affected.evaluatedAt }
            : {}),
          totals: affected.totals,
          owners: affected.owners,
          objects: affected.objects,
          notified: notified[i],
          burnDown: burnDownOf(change, history, { from: starts[i], to: today }),
          missing: coverage.missingIn(change.environment),
          stale: coverage.staleIn(change.environment),
        };
      }),
    };
  }
}
