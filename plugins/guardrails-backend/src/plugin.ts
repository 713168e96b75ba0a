import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  guardrailsPermissions,
  KUBERNETES_NAMESPACE_RESOURCE_TYPE,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  clusterAccessServiceRef,
  guardrailsPackServiceRef,
} from '@guardrails-dev/plugin-guardrails-node';
import { randomUUID } from 'node:crypto';
import { AuditRunner } from './audit/AuditRunner';
import { WatchingAudit } from './audit/watch/WatchingAudit';
import { ClusterLeases, RelistRequests } from './coordination';
import { CatalogRefresher, StatusChangeFollower } from './catalogRefresh';
import { DatabaseGuardrailsStore } from './db';
import { enforcementClockServiceRef } from './enforcement/clock';
import { createEnforcement } from './enforcement/createEnforcement';
import { createNotifications } from './notifications/createNotifications';
import { readAuditConfig } from './service/readAuditConfig';
import { EntityReports } from './service/EntityReports';
import { FleetReports } from './service/FleetReports';
import { PackViews } from './service/PackViews';
import { ReadinessService } from './service/readinessService';
import { SummaryService } from './service/SummaryService';
import { CostsReports } from './service/costsReports';
import { readCostsConfig } from './service/costsConfig';
import { UsageReports } from './service/usageReports';
import { WhatIf } from './service/WhatIf';
import { createRouter } from './service/router';

const AUDIT_TASK_ID = 'guardrails-audit';

/**
 * The guardrails backend plugin: scheduled audit of the configured clusters, the compliance store, admission
 * enforcement (each cluster's ValidatingAdmissionPolicies kept as the rollout says) and the REST API under
 * /api/guardrails.
 *
 * @public
 */
export const guardrailsPlugin = createBackendPlugin({
  pluginId: 'guardrails',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        enforcementClock: enforcementClockServiceRef,
        catalog: catalogServiceRef,
        clusterAccess: clusterAccessServiceRef,
        // A pack that does not load stops the backend with every problem named, before anything is served.
        guardrailsPack: guardrailsPackServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const {
          config,
          logger,
          httpRouter,
          scheduler,
          auth,
          catalog,
          clusterAccess,
        } = deps;
        const auditConfig = readAuditConfig(config);
        const pack = deps.guardrailsPack.compiled;
        const store = await DatabaseGuardrailsStore.create({
          database: deps.database,
          logger,
        });
        deps.permissionsRegistry.addPermissions(guardrailsPermissions);

        const environments = clusterAccess.environments();
        const costs = readCostsConfig(
          config,
          environments.map(e => e.name),
        );
        const summary = new SummaryService({ store, environments });
        // Labels follow a status change within seconds: the catalog processes the changed entities now.
        const statusChanges = new StatusChangeFollower({
          recordStatuses: () => summary.recordStatusTimes(),
          refresher: new CatalogRefresher({ catalog, auth, logger }),
          logger,
        });
        const loadEntities = async () => {
          const { items } = await catalog.getEntities(
            {
              filter: [
                { kind: 'Component' },
                {
                  kind: 'Resource',
                  'spec.type': KUBERNETES_NAMESPACE_RESOURCE_TYPE,
                },
              ],
              fields: [
                'kind',
                'metadata.namespace',
                'metadata.name',
                'metadata.annotations',
                'spec.owner',
                'spec.type',
              ],
            },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          return items;
        };
        const runner = new AuditRunner({
          store,
          clusterAccess,
          pack,
          auditor: deps.auditor,
          logger,
          settings: auditConfig.settings,
          afterCycle: async () => {
            await statusChanges.afterResultsStored();
          },
          loadEntities,
        });
        const watching =
          auditConfig.enabled && auditConfig.watch
            ? new WatchingAudit({
                store,
                clusterAccess,
                pack,
                auditor: deps.auditor,
                logger,
                settings: auditConfig.watch,
                loadEntities,
                // Replicas on one database split the clusters: each is watched by one of them.
                share: new ClusterLeases({
                  db: await deps.database.getClient(),
                  replicaId: randomUUID(),
                  logger,
                }),
                // Run audit now reaches every replica's clusters.
                relistRequests: new RelistRequests(
                  await deps.database.getClient(),
                ),
                afterResultsStored: async () => {
                  await statusChanges.afterResultsStored();
                },
              })
            : undefined;
        if (watching) {
          const timer = setTimeout(() => {
            void watching
              .start()
              .catch(error =>
                logger.error(`Could not start watching the clusters: ${error}`),
              );
          }, auditConfig.initialDelayMs);
          deps.lifecycle.addShutdownHook(async () => {
            clearTimeout(timer);
            await watching.stop();
          });
        } else if (auditConfig.enabled) {
          await scheduler.scheduleTask({
            id: AUDIT_TASK_ID,
            ...auditConfig.schedule,
            fn: async () => {
              await runner.run();
            },
          });
        }
        const startAudit = async (): Promise<'started' | 'already-running'> => {
          if (watching) return watching.relistAll();
          if (runner.running) return 'already-running';
          if (!auditConfig.enabled) {
            void runner
              .run()
              .catch(error => logger.error(`Audit failed: ${error}`));
            return 'started';
          }
          try {
            await scheduler.triggerTask(AUDIT_TASK_ID);
            return 'started';
          } catch (error) {
            if (
              error instanceof ConflictError ||
              (error as Error).name === 'ConflictError'
            ) {
              return 'already-running';
            }
            throw error;
          }
        };

        // After the store's migrations, which create enforcement's tables too.
        const enforcement = await createEnforcement({
          config,
          pack: deps.guardrailsPack.pack,
          clusterAccess,
          database: deps.database,
          scheduler,
          auditor: deps.auditor,
          logger,
          lifecycle: deps.lifecycle,
          clock: deps.enforcementClock,
          // Entity-scoped exemptions reach admission as the audit attributed the entity's objects.
          ownership: store,
        });

        // Upcoming stage changes, expiring exemptions and new block-level violations, told to owners once.
        await createNotifications({
          config,
          pack: deps.guardrailsPack.pack,
          database: deps.database,
          scheduler,
          notifications: deps.notifications,
          logger,
          now: () => deps.enforcementClock.now(),
          costs,
          clusters: environments.flatMap(e => e.clusters),
        });

        httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            catalog,
            packViews: new PackViews({ pack, environments }),
            summary,
            entityReports: new EntityReports({ store, environments }),
            fleetReports: new FleetReports({ store, environments }),
            whatIf: new WhatIf({ store, environments }),
            usage: new UsageReports({ store, environments }),
            costs: new CostsReports({ store, environments, costs }),
            readiness: new ReadinessService({
              db: await deps.database.getClient(),
              store,
              pack: deps.guardrailsPack.pack,
              environments,
              now: () => deps.enforcementClock.now(),
            }),
            startAudit,
            enforcement,
          }),
        );
        // The health probe is for load balancers and the dev portal's start script: no credentials.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
