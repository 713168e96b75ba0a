import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { FakeCatalog, startFakeCatalog } from './__testUtils__/fakeCatalog';
import {
  catalogGlob,
  gitIn,
  outputsOf,
  publishAction,
  publishContext,
} from './__testUtils__/publishHarness';
import { examples } from './publishLocal.examples';

/**
 * The namespaces' entities as `guardrails:environment:provision` outputs them (steps.environments
 * .output.entities): a Resource per environment, a dependency of the component.
 */
function provisionedEntities(component: string): Record<string, unknown>[] {
  return ['dev', 'staging', 'prod'].map(environment => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `${component}-${environment}`,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-namespace': `${component}-${environment}`,
        'guardrails.dev/environment': environment,
      },
    },
    spec: {
      type: 'kubernetes-namespace',
      owner: 'group:default/payments',
      dependencyOf: [`component:default/${component}`],
    },
  }));
}

/** The inputs of every `guardrails:publish:local` step of the examples, named for test titles. */
const exampleInputs = examples.flatMap(({ description, example }) => {
  const steps: Array<{ action: string; name: string; input: any }> =
    yaml.parse(example).steps;
  return steps
    .filter(step => step.action === 'guardrails:publish:local')
    .map(step => [`${description} (${step.name})`, step.input] as const);
});

describe('guardrails:publish:local examples', () => {
  const workspace = createMockDirectory();
  const published = createMockDirectory();
  let catalog: FakeCatalog;

  afterEach(async () => {
    await catalog?.close();
  });

  it.each(exampleInputs)('%s', async (_name, exampleInput) => {
    published.clear();
    catalog = await startFakeCatalog({
      fileLocations: [
        { name: 'published-services', target: catalogGlob(published.path) },
      ],
    });
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
        ? provisionedEntities(name)
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
    const ctx = publishContext(input, { workspacePath: workspace.path });
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
  });
});
