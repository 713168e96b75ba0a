import { JsonObject } from '@backstage/types';
import path from 'node:path';
import { CLUSTERS } from '../audit/generateEstate';

/** The database-claims example pack, layered onto the default pack as in the audit benchmark. */
const EXAMPLE_PACK = path.resolve(
  __dirname,
  '../../../examples/packs/database-claims',
);

/** The audit's tuning, as the plugin's defaults have it (guardrails.audit in its config.d.ts). */
export const AUDIT_SETTINGS = {
  pageSize: 500,
  clusterConcurrency: 4,
  kindConcurrency: 4,
};

/** How the backend watches, as the bench configures it (guardrails.audit.watch). */
export interface WatchSettings {
  enabled: boolean;
  relistIntervalMinutes: number;
  debounceMs: number;
}

/** The configuration's defaults. */
export const WATCH_DEFAULTS: Omit<WatchSettings, 'enabled'> = {
  relistIntervalMinutes: 360,
  debounceMs: 100,
};

/**
 * The guardrails backend's configuration for the estate's three clusters (dev, staging and prod: the default
 * environments of the same names), watching or auditing on a schedule.
 */
export function estateConfig(options: {
  urls: Record<string, string>;
  token: string;
  watch: WatchSettings;
}): JsonObject {
  return {
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: CLUSTERS.map(name => ({
            name,
            url: options.urls[name],
            authProvider: 'serviceAccount',
            serviceAccountToken: options.token,
          })),
        },
      ],
    },
    guardrails: {
      audit: { ...AUDIT_SETTINGS, watch: { ...options.watch } },
      packs: [EXAMPLE_PACK],
    },
  };
}
