/*
 * The dev portal's backend: Backstage's new backend system with the catalog, the scaffolder, guest sign-in and
 * the Guardrails plugins. A platform team adds the three `backend.add(import('@guardrails-dev/...'))` lines below
 * to its own backend.
 */
import { createBackend } from '@backstage/backend-defaults';
import { join } from 'node:path';
import { DEV_PORTAL_PACK_DIR, writeDevPortalPack } from './devPortalPack';

// Before the pack loads: dates relative to today, so the bell has notices on a fresh start (app-config.yaml names it).
writeDevPortalPack(join(process.cwd(), DEV_PORTAL_PACK_DIR));

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

backend.add(import('@backstage/plugin-permission-backend'));
// Anyone may provision namespaces in dev; staging and prod take membership of the owning group.
backend.add(import('./permissionPolicy'));

backend.add(import('@backstage/plugin-scaffolder-backend'));

// Notifications (the bell) and signals (live updates) carry what the Guardrails plugins tell people.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// The portal has no git host: guardrails:publish:local publishes new repositories into a local directory.
backend.add(import('./localPublishing'));

// Guardrails for Backstage
backend.add(import('@guardrails-dev/plugin-guardrails-backend'));
backend.add(
  import('@guardrails-dev/plugin-scaffolder-backend-module-guardrails'),
);
backend.add(import('@guardrails-dev/plugin-catalog-backend-module-guardrails'));

backend.start();
