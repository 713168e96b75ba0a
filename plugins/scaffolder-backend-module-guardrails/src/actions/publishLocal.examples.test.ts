import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import {
  actionContext,
  outputsOf,
  ownerPolicyPermissions,
  recordingAuditor,
} from '../__testUtils__/actionHarness';
import { exampleSteps } from '../__testUtils__/exampleSteps';
import { FakeCatalog, startFakeCatalog } from '../__testUtils__/fakeCatalog';
import {
  catalogGlob,
  gitIn,
  publishAction,
} from '../__testUtils__/publishHarness';
import {
  SimulatedEnvironments,
  startSimulatedEnvironments,
} from '../__testUtils__/simulatedEnvironments';
import { createEnvironmentProvisionAction } from './environmentProvision';
import { examples } from './publishLocal.examples';

/** The namespaces' entities, as the environments step of a template outputs them. */
async function provisionedEntities(
  env: SimulatedEnvironments,
  component: string,
): Promise<Record<string, unknown>[]> {
  const provision = createEnvironmentProvisionAction({
    clusters: env.clusters,
    discovery: env.discovery,
    auth: env.auth,
    permissions: ownerPolicyPermissions(),
    auditor: recordingAuditor(),
  });
  const ctx = actionContext({
    owner: 'group:default/payments',
    component: `component:default/${component}`,
    costCenter: 'cc-1234',
  });
  await provision.handler(ctx);
  return outputsOf(ctx).entities;
}

describe('guardrails:publish:local examples', () => {
  const workspace = createMockDirectory();
  const published = createMockDirectory();
  let catalog: FakeCatalog;
  let env: SimulatedEnvironments;

  afterEach(async () => {
    await catalog?.close();
    await env?.close();
  });

  it.each(exampleSteps(examples, 'guardrails:publish:local'))(
    '%s',
    async (_name, exampleInput) => {
      published.clear();
      catalog = await startFakeCatalog({
        fileLocations: [
          { name: 'published-services', target: catalogGlob(published.path) },
        ],
      });
      env = await startSimulatedEnvironments();
      const name = exampleInput.repoName as string;
      const component = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name },
        spec: { type: 'service', lifecycle: 'experimental', owner: 'payments' },
      };
      const dir = exampleInput.sourcePath ?? '.';
      workspace.setContent({
        [path.join(dir, 'catalog-info.yaml')]: yaml.stringify(component),
        [path.join(dir, 'README.md')]: `# ${name}\n`,
      });
      const entities =
        typeof exampleInput.entities === 'string'
          ? await provisionedEntities(env, name)
          : undefined;
      const input = {
        ...exampleInput,
        ...(entities ? { entities } : {}),
      } as {
        repoName: string;
        defaultBranch?: string;
        entities?: Record<string, unknown>[];
      };

      const { action } = publishAction(catalog, published.path);
      const ctx = actionContext(input, { workspacePath: workspace.path });
      await action.handler(ctx);

      const output = outputsOf(ctx);
      const repo = path.join(published.path, name);
      expect(output.entityRef).toBe(`component:default/${name}`);
      expect(fs.readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe(
        `# ${name}\n`,
      );
      expect(gitIn(repo, ['branch', '--show-current'])).toBe(
        input.defaultBranch ?? 'main',
      );
      const namespaces = entities
        ? ['dev', 'staging', 'prod'].map(e => `resource:default/${name}-${e}`)
        : [];
      expect(output.entityRefs).toEqual([
        `component:default/${name}`,
        ...namespaces,
      ]);
      for (const ref of output.entityRefs) {
        expect(catalog.entities.has(ref)).toBe(true);
      }
      for (const ref of namespaces) {
        expect(catalog.entities.get(ref)?.spec).toMatchObject({
          type: 'kubernetes-namespace',
          dependencyOf: [`component:default/${name}`],
        });
      }
    },
  );
});
