import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockDirectory } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { FakeCatalog, startFakeCatalog } from './__testUtils__/fakeCatalog';
import {
  auditEvents,
  catalogGlob,
  gitIn,
  grace,
  outputsOf,
  publishAction,
  publishContext,
} from './__testUtils__/publishHarness';

const COMPONENT = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
  spec: {
    type: 'service',
    lifecycle: 'experimental',
    owner: 'group:default/payments',
  },
};

const NAMESPACES = ['dev', 'prod'].map(environment => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: `payments-api-${environment}`, namespace: 'default' },
  spec: {
    type: 'kubernetes-namespace',
    owner: 'group:default/payments',
    dependencyOf: ['component:default/payments-api'],
  },
}));

const ALL_REFS = [
  'component:default/payments-api',
  'resource:default/payments-api-dev',
  'resource:default/payments-api-prod',
];

describe('guardrails:publish:local', () => {
  const workspace = createMockDirectory();
  const published = createMockDirectory();
  const catalogFiles = createMockDirectory();
  let catalog: FakeCatalog;

  beforeEach(async () => {
    workspace.setContent({
      'catalog-info.yaml': `# written by catalog:write\n${yaml.stringify(
        COMPONENT,
      )}`,
      'package.json': '{ "name": "payments-api" }\n',
      'src/index.js': "console.log('hello');\n",
      'k8s/deployment.yaml': 'kind: Deployment\n',
      '.gitignore': 'node_modules/\n',
    });
    published.clear();
    catalog = await startFakeCatalog({
      // As in the dev portal: a Location in a catalog file, with a target relative to that file.
      fileLocations: [
        {
          name: 'published-services',
          heldBy: path.join(catalogFiles.path, 'published-services.yaml'),
          target: catalogGlob(path.relative(catalogFiles.path, published.path)),
        },
      ],
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout-web', namespace: 'default' },
          spec: { type: 'website' },
        },
      ],
    });
  });

  afterEach(async () => {
    await catalog.close();
  });

  const publishDirEntries = () => fs.readdirSync(published.path);

  /** Runs the action on the workspace, as a task started by ada unless `options` say otherwise. */
  const run = (
    action: ReturnType<typeof publishAction>['action'],
    input: { repoName: string } & Record<string, unknown>,
    options: Omit<Parameters<typeof publishContext>[1], 'workspacePath'> = {},
  ) =>
    action.handler(
      publishContext(input as any, {
        workspacePath: workspace.path,
        ...options,
      }),
    );

  it('publishes the workspace as a git repository and has the catalog list its entities', async () => {
    const { action, auditor } = publishAction(catalog, published.path);
    const ctx = publishContext(
      {
        repoName: 'payments-api',
        entities: NAMESPACES,
        gitCommitMessage: 'Create payments-api',
      },
      { workspacePath: workspace.path },
    );
    await action.handler(ctx);

    const repo = path.join(published.path, 'payments-api');
    const output = outputsOf(ctx);
    expect(output).toEqual({
      repoPath: repo,
      remoteUrl: `file://${repo}`,
      catalogInfoPath: path.join(repo, 'catalog-info.yaml'),
      entityRef: 'component:default/payments-api',
      entityRefs: ALL_REFS,
      locationRef: 'location:default/published-services',
      dryRun: false,
      commitHash: gitIn(repo, ['rev-parse', 'HEAD']),
    });

    // The files, the catalog file with the namespaces added, and one commit on main.
    expect(fs.readFileSync(path.join(repo, 'src/index.js'), 'utf8')).toBe(
      "console.log('hello');\n",
    );
    expect(fs.existsSync(path.join(repo, '.gitignore'))).toBe(true);
    const catalogText = fs.readFileSync(
      path.join(repo, 'catalog-info.yaml'),
      'utf8',
    );
    expect(catalogText.startsWith('# written by catalog:write\n')).toBe(true);
    expect(yaml.parseAllDocuments(catalogText).map(d => d.toJS())).toEqual([
      COMPONENT,
      ...NAMESPACES,
    ]);
    expect(gitIn(repo, ['status', '--porcelain'])).toBe('');
    expect(gitIn(repo, ['log', '--format=%an <%ae>|%s'])).toBe(
      'Dev portal <portal@example.com>|Create payments-api',
    );
    expect(gitIn(repo, ['branch', '--show-current'])).toBe('main');
    // Nothing is left besides the repository (no staging directory).
    expect(publishDirEntries()).toEqual(['payments-api']);

    // The catalog read the location, asked on behalf of the user who started the task.
    for (const ref of ALL_REFS) {
      expect(catalog.entities.get(ref)?.metadata.annotations).toMatchObject({
        'backstage.io/managed-by-location': `file:${path.join(
          repo,
          'catalog-info.yaml',
        )}`,
      });
    }
    const refresh = catalog.requests.find(
      r => r.path === '/api/catalog/refresh',
    );
    expect(refresh).toEqual({
      method: 'POST',
      path: '/api/catalog/refresh',
      onBehalfOf: 'user:default/ada',
      target: 'catalog',
    });
    expect(
      catalog.requests.every(r => r.onBehalfOf === 'user:default/ada'),
    ).toBe(true);

    expect(await auditEvents(auditor)).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        options: expect.objectContaining({
          eventId: 'local-publish',
          meta: expect.objectContaining({
            who: 'user:default/ada',
            what: { entityRefs: ALL_REFS },
            where: {
              repoPath: repo,
              location: 'location:default/published-services',
            },
          }),
        }),
      }),
    ]);
  });

  it('gives a repository that clones, and takes pushes the catalog then reads', async () => {
    const { action } = publishAction(catalog, published.path);
    const ctx = publishContext(
      { repoName: 'payments-api' },
      { workspacePath: workspace.path },
    );
    await action.handler(ctx);
    const { remoteUrl, repoPath } = outputsOf(ctx);

    const clones = createMockDirectory();
    gitIn(clones.path, ['clone', '--quiet', remoteUrl, 'payments-api']);
    const clone = path.join(clones.path, 'payments-api');
    expect(fs.readFileSync(path.join(clone, 'package.json'), 'utf8')).toBe(
      '{ "name": "payments-api" }\n',
    );
    fs.writeFileSync(path.join(clone, 'README.md'), '# payments-api\n');
    gitIn(clone, ['add', 'README.md']);
    gitIn(clone, ['commit', '--quiet', '-m', 'Add a README']);
    gitIn(clone, ['push', '--quiet', 'origin', 'main']);
    expect(fs.readFileSync(path.join(repoPath, 'README.md'), 'utf8')).toBe(
      '# payments-api\n',
    );
    expect(fileURLToPath(remoteUrl)).toBe(repoPath);
  });

  it('publishes a directory of the workspace on the branch and with the author asked for', async () => {
    workspace.setContent({
      'notes.txt': 'not published',
      service: {
        'catalog-info.yaml': yaml.stringify(COMPONENT),
        'main.go': 'package main\n',
      },
    });
    const { action } = publishAction(catalog, published.path);
    const ctx = publishContext(
      {
        repoName: 'payments-api',
        sourcePath: 'service',
        defaultBranch: 'trunk',
        gitAuthorName: 'Payments team',
        gitAuthorEmail: 'payments@example.com',
      },
      { workspacePath: workspace.path },
    );
    await action.handler(ctx);
    const repo = path.join(published.path, 'payments-api');
    expect(fs.readdirSync(repo).sort()).toEqual([
      '.git',
      'catalog-info.yaml',
      'main.go',
    ]);
    expect(gitIn(repo, ['log', '--format=%an <%ae>|%s'])).toBe(
      'Payments team <payments@example.com>|Initial commit',
    );
    expect(gitIn(repo, ['branch', '--show-current'])).toBe('trunk');
    expect(outputsOf(ctx).entityRefs).toEqual([
      'component:default/payments-api',
    ]);
  });

  it('plans a dry run without writing anything or asking the catalog to read', async () => {
    const { action, auditor } = publishAction(catalog, published.path);
    const ctx = publishContext(
      { repoName: 'payments-api', entities: NAMESPACES },
      { workspacePath: workspace.path, dryRun: true },
    );
    await action.handler(ctx);
    expect(outputsOf(ctx)).toMatchObject({
      repoPath: path.join(published.path, 'payments-api'),
      entityRef: 'component:default/payments-api',
      entityRefs: ALL_REFS,
      locationRef: 'location:default/published-services',
      dryRun: true,
    });
    expect(outputsOf(ctx).commitHash).toBeUndefined();
    expect(publishDirEntries()).toEqual([]);
    expect(catalog.requests.some(r => r.path === '/api/catalog/refresh')).toBe(
      false,
    );
    expect(catalog.entities.has('component:default/payments-api')).toBe(false);
    expect(await auditEvents(auditor)).toEqual([]);
  });

  it('refuses a repository that is already published and leaves it as it is', async () => {
    fs.mkdirSync(path.join(published.path, 'payments-api'));
    fs.writeFileSync(
      path.join(published.path, 'payments-api', 'keep.txt'),
      'mine',
    );
    const { action } = publishAction(catalog, published.path);
    for (const dryRun of [true, false]) {
      await expect(
        run(action, { repoName: 'payments-api' }, { dryRun }),
      ).rejects.toThrow(/payments-api already exists\. Choose another name/);
    }
    expect(fs.readdirSync(path.join(published.path, 'payments-api'))).toEqual([
      'keep.txt',
    ]);
    expect(publishDirEntries()).toEqual(['payments-api']);
    expect(catalog.requests.some(r => r.path === '/api/catalog/refresh')).toBe(
      false,
    );
  });

  it.each([
    [
      { repoName: '../outside' },
      /repoName '\.\.\/outside' must be one directory name/,
    ],
    [{ repoName: 'a/b' }, /repoName 'a\/b' must be one directory name/],
    [{ repoName: '.hidden' }, /repoName '\.hidden' must be one directory name/],
    [{ repoName: '/tmp/x' }, /repoName '\/tmp\/x' must be one directory name/],
    [
      { repoName: 'ok', sourcePath: '../..' },
      /sourcePath '\.\.\/\.\.' must be a relative path inside the task workspace/,
    ],
    [
      { repoName: 'ok', sourcePath: '/etc' },
      /sourcePath '\/etc' must be a relative path/,
    ],
    [
      { repoName: 'ok', catalogInfoPath: '../catalog-info.yaml' },
      /catalogInfoPath '\.\.\/catalog-info\.yaml' must be a relative file path inside the repository/,
    ],
    [
      { repoName: 'ok', defaultBranch: '-x' },
      /defaultBranch '-x' is not a valid branch name/,
    ],
  ])(
    'refuses %j before reading or writing anything',
    async (input, message) => {
      const { action } = publishAction(catalog, published.path);
      await expect(run(action, input)).rejects.toThrow(message);
      expect(publishDirEntries()).toEqual([]);
      expect(catalog.requests).toEqual([]);
    },
  );

  it('refuses a source directory that is a symbolic link out of the workspace', async () => {
    const outside = createMockDirectory({ content: { 'secret.txt': 'x' } });
    workspace.addContent({ linked: ({ symlink }) => symlink(outside.path) });
    const { action } = publishAction(catalog, published.path);
    await expect(
      run(action, { repoName: 'payments-api', sourcePath: 'linked' }),
    ).rejects.toThrow(/sourcePath 'linked' leads outside the task workspace/);
    expect(publishDirEntries()).toEqual([]);
  });

  it('refuses a symbolic link in the workspace that points outside it, and keeps links inside it', async () => {
    workspace.addContent({
      'docs/README.md': '# docs\n',
      'README.md': ({ symlink }) => symlink('docs/README.md'),
    });
    const { action } = publishAction(catalog, published.path);
    await run(action, { repoName: 'payments-api' });
    const repo = path.join(published.path, 'payments-api');
    expect(fs.readlinkSync(path.join(repo, 'README.md'))).toBe(
      'docs/README.md',
    );

    workspace.addContent({ passwd: ({ symlink }) => symlink('/etc/passwd') });
    await expect(run(action, { repoName: 'payments-api-2' })).rejects.toThrow(
      /passwd is a symbolic link leading outside the published files/,
    );
    expect(publishDirEntries()).toEqual(['payments-api']);
  });

  it('refuses to publish where no catalog location reads, naming the location to add', async () => {
    const elsewhere = createMockDirectory();
    // A url Location never reads local files, whatever its target.
    catalog.entities.set('location:default/remote', {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'remote', namespace: 'default' },
      spec: { type: 'url', target: catalogGlob(elsewhere.path) },
    });
    const { action } = publishAction(catalog, elsewhere.path);
    await expect(run(action, { repoName: 'payments-api' })).rejects.toThrow(
      `no catalog location reads ${path.join(
        elsewhere.path,
        'payments-api',
        'catalog-info.yaml',
      )}, so the catalog would never list it. Have the catalog read a Location { type: file, presence: optional, target: ${
        elsewhere.path
      }/*/catalog-info.yaml }`,
    );
    expect(fs.readdirSync(elsewhere.path)).toEqual([]);
  });

  it('refuses entities the catalog already has, before writing', async () => {
    workspace.setContent({
      'catalog-info.yaml': yaml.stringify({
        ...COMPONENT,
        metadata: { name: 'checkout-web' },
      }),
    });
    const { action } = publishAction(catalog, published.path);
    await expect(run(action, { repoName: 'checkout-web' })).rejects.toThrow(
      'the catalog already has component:default/checkout-web; choose another name',
    );
    expect(publishDirEntries()).toEqual([]);
  });

  it.each([
    [
      'no catalog file',
      {},
      'catalog-info.yaml is missing from the workspace and no entities were given',
      undefined,
    ],
    [
      'a document that is no entity',
      { 'catalog-info.yaml': 'kind: Component\nmetadata: {}\n' },
      'catalog-info.yaml document 1 has no apiVersion, metadata.name',
      undefined,
    ],
    [
      'an entity given twice',
      { 'catalog-info.yaml': yaml.stringify(COMPONENT) },
      'component:default/payments-api given more than once',
      [COMPONENT],
    ],
  ] as Array<[string, Record<string, string>, string, object[] | undefined]>)(
    'refuses a catalog file with %s',
    async (_case, content, message, entities) => {
      workspace.setContent(content);
      const { action } = publishAction(catalog, published.path);
      await expect(
        action.handler(
          publishContext(
            {
              repoName: 'payments-api',
              ...(entities
                ? { entities: entities as Record<string, unknown>[] }
                : {}),
            },
            { workspacePath: workspace.path },
          ),
        ),
      ).rejects.toThrow(message);
      expect(publishDirEntries()).toEqual([]);
    },
  );

  it('is off until a publish directory is configured', async () => {
    const { action } = publishAction(catalog, undefined);
    await expect(run(action, { repoName: 'payments-api' })).rejects.toThrow(
      /Local publishing is off: set guardrails.scaffolder.publishDirectory/,
    );
  });

  it('reports a catalog that does not list the entities in time, and completes registration when the task is resumed', async () => {
    // As the scaffolder keeps checkpoints across a restart: each key's function runs once, and a
    // resumed task gets its outcome.
    const results = new Map<string, Promise<unknown>>();
    const checkpoint = (opts: { key: string; fn: () => unknown }) =>
      results.get(opts.key) ??
      results.set(opts.key, Promise.resolve(opts.fn())).get(opts.key)!;
    catalog.processing = false;
    const { action, auditor } = publishAction(catalog, published.path, {
      timeoutMs: 200,
    });
    const input = { repoName: 'payments-api', entities: NAMESPACES };
    await expect(run(action, input, { checkpoint })).rejects.toThrow(
      /The files are published, but the catalog did not list component:default\/payments-api, resource:default\/payments-api-dev, resource:default\/payments-api-prod within 0.2 s/,
    );
    const repo = path.join(published.path, 'payments-api');
    const firstCommit = gitIn(repo, ['rev-parse', 'HEAD']);
    expect((await auditEvents(auditor)).map(e => e.status)).toEqual(['failed']);

    // Resumed: the repository is not published again (nor refused as existing), only registered.
    catalog.processing = true;
    const ctx = publishContext(input, {
      workspacePath: workspace.path,
      checkpoint,
    });
    await action.handler(ctx);
    expect(outputsOf(ctx).commitHash).toBe(firstCommit);
    expect(gitIn(repo, ['rev-list', '--count', 'HEAD'])).toBe('1');
    expect(catalog.entities.has('component:default/payments-api')).toBe(true);
    expect((await auditEvents(auditor)).map(e => e.status)).toEqual([
      'failed',
      'succeeded',
    ]);
  });

  it('registers as the user who started the task', async () => {
    const { action } = publishAction(catalog, published.path);
    await run(action, { repoName: 'payments-api' }, { credentials: grace });
    expect(new Set(catalog.requests.map(r => r.onBehalfOf))).toEqual(
      new Set(['user:default/grace']),
    );
  });
});
