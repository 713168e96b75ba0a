import fs from 'node:fs';
import path from 'node:path';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createBackendModule } from '@backstage/backend-plugin-api';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import request from 'supertest';
import yaml from 'yaml';
import scaffolderModuleGuardrails from '..';
import { ownerPolicyPermissions } from './actionHarness';
import { SimulatedEnvironments } from './simulatedEnvironments';

/**
 * `guardrails:publish:local`, the last step of guarded-service, is the dev portal's (packages/backend),
 * not this module's; this stand-in publishes nothing and outputs only what the template reads.
 */
const localPublishingStandIn = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'local-publishing-stand-in',
  register: env =>
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      init: async ({ scaffolder }) =>
        scaffolder.addActions(
          createTemplateAction({
            id: 'guardrails:publish:local',
            supportsDryRun: true,
            handler: async ctx =>
              ctx.output('entityRef', 'component:default/stand-in'),
          }),
        ),
    }),
});

export const TEMPLATES_DIR = path.resolve(__dirname, '../../../../templates');

/** A finished task: its status, the messages it logged and the error it failed with. */
export interface TaskRun {
  status: string;
  log: string[];
  error?: string;
}

/** A dry run: its log and the files the template left in the workspace. */
export interface DryRun {
  log: string[];
  files: Record<string, string>;
}

/**
 * Backstage's scaffolder backend with the guardrails module, on the simulated clusters, reading
 * templates and components from the environments' fake catalog: templates run as the dev portal
 * runs them, through the scaffolder's REST API.
 */
export async function startScaffolder(env: SimulatedEnvironments) {
  const workingDirectory = createMockDirectory();
  for (const name of ['guarded-service', 'guarded-namespace']) {
    const template = templateEntity(name);
    env.catalog.entities.set(stringifyEntityRef(template), template);
  }
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleGuardrails,
      localPublishingStandIn,
      mockServices.rootConfig.factory({
        data: {
          ...env.config.get(),
          backend: { workingDirectory: workingDirectory.path },
        },
      }),
      // The scaffolder and the module both reach the catalog through discovery.
      mockServices.discovery.mock({
        getBaseUrl: async () => env.catalog.baseUrl,
        getExternalBaseUrl: async () => env.catalog.baseUrl,
      }).factory,
      ownerPolicyPermissions().factory,
    ],
  });
  const api = request(backend.server);

  return {
    /** Starts a task of a repository template as `user`, as the portal's API does, and waits for its end. */
    async runTemplate(
      name: string,
      values: Record<string, unknown>,
      user: string,
    ): Promise<TaskRun> {
      const created = await api
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', mockCredentials.user.header(user))
        .send({ templateRef: `template:default/${name}`, values });
      if (created.status !== 201) {
        throw new Error(
          `task not created (${created.status}): ${JSON.stringify(
            created.body,
          )}`,
        );
      }
      return waitForTask(api, created.body.id, user);
    },

    /** Dry-runs a repository template as the template editor does, with its files. */
    async dryRunTemplate(
      name: string,
      values: Record<string, unknown>,
      user: string,
    ): Promise<DryRun> {
      const response = await api
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', mockCredentials.user.header(user))
        .send({
          template: templateEntity(name),
          values,
          directoryContents: templateFiles(name),
        });
      if (response.status !== 200) {
        throw new Error(
          `dry run refused (${response.status}): ${JSON.stringify(
            response.body,
          )}`,
        );
      }
      return {
        log: response.body.log.map((l: any) => l.body.message),
        files: Object.fromEntries(
          response.body.directoryContents.map((f: any) => [
            f.path,
            Buffer.from(f.base64Content, 'base64').toString('utf8'),
          ]),
        ),
      };
    },

    async stop() {
      await backend.stop();
      workingDirectory.remove();
    },
  };
}

/** A template of the repository as the catalog lists it, read from its own file. */
function templateEntity(name: string): Entity {
  const file = path.join(TEMPLATES_DIR, name, 'template.yaml');
  const entity = yaml.parse(fs.readFileSync(file, 'utf8')) as Entity;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      namespace: 'default',
      annotations: { 'backstage.io/managed-by-location': `file:${file}` },
    },
  };
}

function templateFiles(name: string) {
  const dir = path.join(TEMPLATES_DIR, name);
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(file => fs.statSync(path.join(dir, file)).isFile())
    .map(file => ({
      path: file,
      base64Content: fs.readFileSync(path.join(dir, file)).toString('base64'),
    }));
}

async function waitForTask(
  api: ReturnType<typeof request>,
  taskId: string,
  user: string,
): Promise<TaskRun> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const task = await api
      .get(`/api/scaffolder/v2/tasks/${taskId}`)
      .set('Authorization', mockCredentials.user.header(user));
    if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
      const events = await api
        .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
        .set('Authorization', mockCredentials.user.header(user));
      const bodies = (events.body as Array<{ body: any }>).map(e => e.body);
      return {
        status: task.body.status,
        log: bodies.map(b => b.message).filter(Boolean),
        error: bodies.find(b => b.error)?.error?.message,
      };
    }
    if (Date.now() > deadline) {
      throw new Error(`task ${taskId} still ${task.body.status}`);
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
