import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AuditorService,
  AuthService,
  DiscoveryService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { CatalogClientPublishCatalog, PublishCatalog } from './catalogApi';
import { catalogDocuments } from './catalogDocuments';
import {
  assertNotInCatalog,
  DEFAULT_REGISTRATION_TIMING,
  registerThroughLocation,
  RegistrationTiming,
  requireCoveringLocation,
} from './catalogRegistration';
import {
  assertGitAvailable,
  assertNotPublished,
  checkSourceTree,
  planRepository,
  publishRepository,
  readCatalogFile,
} from './localRepository';
import { startPublishAudit } from './publishAudit';
import { readPublishConfig } from './publishConfig';
import { examples } from './publishLocal.examples';

/** What `guardrails:publish:local` needs from the backend. */
export interface PublishLocalActionOptions {
  config: RootConfigService;
  discovery: DiscoveryService;
  auth: AuthService;
  auditor: AuditorService;
  /** How long to wait for the catalog to list the published entities; 60 s, looking every second, by default. */
  registrationTiming?: RegistrationTiming;
}

/**
 * Creates the `guardrails:publish:local` action: publishes the task workspace as a git repository
 * in the configured publish directory (`guardrails.scaffolder.publishDirectory`) and registers it
 * in the catalog, for portals without a git host. The catalog reads published repositories through
 * a `file` location of its configuration; the action has that location read at once and waits
 * until the catalog lists every published entity.
 */
export function createPublishLocalAction(options: PublishLocalActionOptions) {
  const publishConfig = readPublishConfig(options.config);
  const catalog: PublishCatalog = new CatalogClientPublishCatalog(
    options.discovery,
    options.auth,
  );
  const timing = options.registrationTiming ?? DEFAULT_REGISTRATION_TIMING;

  return createTemplateAction({
    id: 'guardrails:publish:local',
    description:
      'Publishes the workspace as a git repository in the configured local publish directory and registers its catalog file in the catalog, for portals without a git host.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              "Name of the repository: one directory of the publish directory, letters, digits, '.', '_' and '-'",
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Directory of the workspace to publish, relative to it; the whole workspace when absent',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Catalog file of the repository, relative to its root; catalog-info.yaml when absent',
            ),
        entities: z =>
          z
            .array(z.record(z.unknown()))
            .optional()
            .describe(
              'More catalog entities, added to the catalog file as YAML documents, e.g. the namespaces from guardrails:environment:provision',
            ),
        defaultBranch: z =>
          z
            .string()
            .optional()
            .describe('Branch of the first commit; main when absent'),
        gitCommitMessage: z =>
          z
            .string()
            .optional()
            .describe(
              'Message of the first commit; "Initial commit" when absent',
            ),
        gitAuthorName: z =>
          z
            .string()
            .optional()
            .describe(
              'Author of the first commit; scaffolder.defaultAuthor.name when absent',
            ),
        gitAuthorEmail: z =>
          z
            .string()
            .optional()
            .describe(
              'Author email of the first commit; scaffolder.defaultAuthor.email when absent',
            ),
      },
      output: {
        repoPath: z =>
          z.string().describe('Absolute path of the published repository'),
        remoteUrl: z =>
          z.string().describe('file: URL of the repository, for git clone'),
        commitHash: z =>
          z
            .string()
            .optional()
            .describe('The first commit (absent in a dry run)'),
        catalogInfoPath: z =>
          z.string().describe('Absolute path of the published catalog file'),
        entityRef: z =>
          z
            .string()
            .describe(
              'The entity created: the first Component of the catalog file, else its first entity that is not a Location',
            ),
        entityRefs: z =>
          z.array(z.string()).describe('Every entity of the catalog file'),
        locationRef: z =>
          z
            .string()
            .describe('The catalog Location that reads the catalog file'),
        dryRun: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const publishDirectory = publishConfig.directory;
      if (!publishDirectory) {
        throw new InputError(
          'Local publishing is off: set guardrails.scaffolder.publishDirectory to the directory that repositories are published into, and have the catalog read it through a file Location (presence: optional) whose target matches <publishDirectory>/*/catalog-info.yaml',
        );
      }
      const dryRun = ctx.isDryRun === true;
      const plan = planRepository({
        publishDirectory,
        workspacePath: ctx.workspacePath,
        repoName: ctx.input.repoName,
        sourcePath: ctx.input.sourcePath,
        catalogInfoPath: ctx.input.catalogInfoPath,
        branch: ctx.input.defaultBranch ?? 'main',
      });
      const commit = {
        branch: ctx.input.defaultBranch ?? 'main',
        message: ctx.input.gitCommitMessage ?? 'Initial commit',
        author: {
          name: ctx.input.gitAuthorName ?? publishConfig.defaultAuthor.name,
          email: ctx.input.gitAuthorEmail ?? publishConfig.defaultAuthor.email,
        },
      };
      await checkSourceTree(plan.source);
      const documents = catalogDocuments(
        plan.catalogFile,
        await readCatalogFile(plan),
        ctx.input.entities ?? [],
      );
      const catalogInfoPath = path.join(plan.target, plan.catalogFile);
      const credentials = await ctx.getInitiatorCredentials();
      const location = await requireCoveringLocation(
        catalog,
        catalogInfoPath,
        publishDirectory,
        credentials,
      );

      ctx.output('repoPath', plan.target);
      ctx.output('remoteUrl', pathToFileURL(plan.target).href);
      ctx.output('catalogInfoPath', catalogInfoPath);
      ctx.output('entityRef', documents.entityRef);
      ctx.output('entityRefs', documents.entityRefs);
      ctx.output('locationRef', location.entityRef);
      ctx.output('dryRun', dryRun);

      // Checked right before writing, inside the checkpoint (so a resumed task does not refuse the
      // repository it published itself), and in a dry run.
      const checkBeforeWriting = async () => {
        await assertGitAvailable();
        await assertNotPublished(plan.target);
        await assertNotInCatalog(catalog, documents.entityRefs, credentials);
      };

      if (dryRun) {
        await checkBeforeWriting();
        ctx.logger.info(
          `Dry run: would publish ${plan.source} to ${plan.target} (branch ${
            commit.branch
          }) and have ${
            location.entityRef
          } register ${documents.entityRefs.join(', ')}; nothing was written`,
        );
        return;
      }

      const audit = await startPublishAudit(options.auditor, {
        credentials,
        repoPath: plan.target,
        entityRefs: documents.entityRefs,
        locationRef: location.entityRef,
        taskId: ctx.task?.id,
      });
      try {
        // A task resumed after a restart finds the repository published and goes on to register it.
        const { commitHash } = await ctx.checkpoint({
          key: `publish.local.${ctx.input.repoName}`,
          fn: async () => {
            await checkBeforeWriting();
            return publishRepository(plan, documents.text, commit);
          },
        });
        ctx.output('commitHash', commitHash);
        ctx.logger.info(
          `Published ${plan.target} (${commit.branch} at ${commitHash.slice(
            0,
            12,
          )}); clone it with: git clone ${pathToFileURL(plan.target).href}`,
        );
        await registerThroughLocation({
          catalog,
          location,
          entityRefs: documents.entityRefs,
          credentials,
          logger: ctx.logger,
          timing,
          signal: ctx.signal,
        });
        await audit.success({ meta: { commitHash } });
      } catch (error) {
        await audit.fail({ error: error as Error });
        throw error;
      }
    },
  });
}
