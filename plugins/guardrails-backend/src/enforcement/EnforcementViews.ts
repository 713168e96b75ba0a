import {
  EnforcementLevel,
  GUARDRAILS_ENFORCEMENT_LEVEL_LABEL,
  GUARDRAILS_GUARDRAIL_ID_ANNOTATION,
} from '@guardrails-dev/plugin-guardrails-common';
import { VALIDATION_ACTIONS } from '@guardrails-dev/plugin-guardrails-engine';
import type { AdmissionObject } from './admissionObject';
import { durationToMilliseconds } from '@backstage/types';
import type {
  ClusterSync,
  EnforcementStore,
  EnvironmentPause,
  ValidationAction,
} from '../db/EnforcementStore';
import type { components } from '../schema/openapi';
import { AdmissionExports } from './admissionExports';
import { AdmissionSync, reasonOf } from './AdmissionSync';
import { EnforcementClock } from './clock';
import { ClusterTarget } from './clusterTargets';
import {
  actionsOf,
  BINDING_KIND,
  environmentOf,
  PAUSED_ANNOTATION,
} from './desiredObjects';
import { EnforcementConfig } from './readEnforcementConfig';
import { nextScheduledChange } from './scheduledChanges';

type Schemas = components['schemas'];

const RECENT_CHANGES = 20;
// Three missed cadences: one late sync is normal (a busy replica), three are not.
const STALE_CADENCES = 3;

/** The enforcement view's answers: per cluster what is enforced, what changes next, and what a sync would do now. */
export class EnforcementViews {
  constructor(
    private readonly options: {
      exports: AdmissionExports;
      targets: ClusterTarget[];
      config: EnforcementConfig;
      store: EnforcementStore;
      sync: AdmissionSync;
      clock: EnforcementClock;
    },
  ) {}

  /** Every configured environment with its mode and pause. */
  environments(
    pauses: ReadonlyMap<string, EnvironmentPause>,
  ): Schemas['EnforcementEnvironment'][] {
    return [...this.options.config.modes].map(([environment, mode]) => {
      const pause = pauses.get(environment);
      return {
        environment,
        mode,
        paused: Boolean(pause),
        ...(pause
          ? {
              pausedAt: pause.pausedAt,
              pausedBy: pause.pausedBy,
              ...(pause.reason ? { reason: pause.reason } : {}),
            }
          : {}),
      };
    });
  }

  async state(): Promise<Schemas['EnforcementState']> {
    const { store, clock, targets } = this.options;
    const now = clock.now();
    const [pauses, syncs, applied, changes, unresolved] = await Promise.all([
      store.pauses(),
      store.clusterSyncs(),
      store.allAppliedObjects(),
      store.recentChanges(RECENT_CHANGES),
      Promise.all(
        targets.map(t =>
          this.options.exports.unresolved(t.cluster, t.syncing, now),
        ),
      ),
    ]);
    return {
      generatedAt: now.toISOString(),
      environments: this.environments(pauses),
      clusters: targets.map((target, i) => ({
        cluster: target.cluster,
        environments: target.environments,
        syncing: target.syncing,
        ...this.status(target, syncs.get(target.cluster), now),
        enforced: target.syncing.length
          ? enforcedBindings(applied.get(target.cluster) ?? [])
          : [],
        ...this.nextChange(target, now),
        ...(unresolved[i].length > 0
          ? { unresolvedExemptions: unresolved[i] }
          : {}),
        recentChanges: changes
          .filter(c => c.cluster === target.cluster)
          .map(({ cluster: _cluster, ...change }) => change),
      })),
    };
  }

  /** What the next sync would change in each syncing cluster; reads the clusters, writes nothing. */
  async dryRun(): Promise<Schemas['EnforcementDryRun']> {
    const at = this.options.clock.now();
    const clusters = await Promise.all(
      this.options.targets.map(
        async (target): Promise<Schemas['ClusterDryRun']> => {
          const base = { cluster: target.cluster, changes: [], unmanaged: [] };
          if (target.syncing.length === 0) return { ...base, status: 'off' };
          try {
            const { plan } = await this.options.sync.plan(target);
            return {
              ...base,
              status: 'ok',
              changes: plan.changes.map(
                ({ desired: _d, current: _c, ...change }) => change,
              ),
              unmanaged: plan.unmanaged,
            };
          } catch (error) {
            return {
              ...base,
              status: 'failed',
              reason: reasonOf(error),
            };
          }
        },
      ),
    );
    return { at: at.toISOString(), clusters };
  }

  private status(
    target: ClusterTarget,
    sync: ClusterSync | undefined,
    now: Date,
  ): Pick<
    Schemas['ClusterEnforcement'],
    'status' | 'reason' | 'stale' | 'lastSync'
  > {
    if (target.syncing.length === 0) {
      return {
        status: 'off',
        reason: `Enforcement of ${target.environments.join(
          ', ',
        )} is off (guardrails.enforcement): admission is left to GitOps`,
        stale: false,
      };
    }
    if (!sync) {
      return { status: 'unknown', reason: 'Not synced yet', stale: false };
    }
    const { cluster: _cluster, ...lastSync } = sync;
    const age = now.getTime() - new Date(sync.syncedAt).getTime();
    const cadence = durationToMilliseconds(this.options.config.cadence);
    return {
      status: sync.result,
      ...(sync.reason ? { reason: sync.reason } : {}),
      stale: age > STALE_CADENCES * cadence,
      lastSync,
    };
  }

  private nextChange(
    target: ClusterTarget,
    now: Date,
  ): Pick<Schemas['ClusterEnforcement'], 'nextChange'> {
    const { exports } = this.options;
    const next = nextScheduledChange(
      exports.pack,
      target.syncing,
      now,
      exports.exported,
    );
    if (!next) return {};
    return {
      nextChange: {
        at: next.at.toISOString(),
        stages: next.stages.map(stage => ({
          ...stage,
          actions: [...VALIDATION_ACTIONS[stage.to]] as ValidationAction[],
        })),
        expiringExemptions: next.expiringExemptions,
      },
    };
  }
}

function enforcedBindings(
  objects: AdmissionObject[],
): Schemas['EnforcedBinding'][] {
  return objects
    .filter(object => object.kind === BINDING_KIND)
    .map(binding => {
      const { labels = {}, annotations = {} } = binding.metadata;
      const level = labels[GUARDRAILS_ENFORCEMENT_LEVEL_LABEL] as
        | EnforcementLevel
        | undefined;
      return {
        guardrail: annotations[GUARDRAILS_GUARDRAIL_ID_ANNOTATION] ?? '',
        environment: environmentOf(binding) ?? '',
        policy: String((binding.spec as { policyName?: string })?.policyName),
        binding: binding.metadata.name,
        ...(level ? { level } : {}),
        actions: actionsOf(binding) ?? [],
        paused: annotations[PAUSED_ANNOTATION] === 'true',
      };
    });
}
