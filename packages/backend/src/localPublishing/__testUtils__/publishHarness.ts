import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createPublishLocalAction } from '../publishLocal';
import { FakeCatalog } from './fakeCatalog';

export const ada = mockCredentials.user('user:default/ada');
export const grace = mockCredentials.user('user:default/grace');

/** `guardrails:publish:local` publishing into `publishDirectory`, registering with the fake catalog. */
export function publishAction(
  catalog: FakeCatalog,
  publishDirectory: string | undefined,
  options: { timeoutMs?: number } = {},
) {
  const auditor = mockServices.auditor.mock();
  const action = createPublishLocalAction({
    config: new ConfigReader({
      ...(publishDirectory
        ? { guardrails: { scaffolder: { publishDirectory } } }
        : {}),
      scaffolder: {
        defaultAuthor: { name: 'Dev portal', email: 'portal@example.com' },
      },
    }),
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => catalog.baseUrl,
    }),
    auth: mockServices.auth(),
    auditor,
    registrationTiming: { timeoutMs: options.timeoutMs ?? 3000, pollMs: 20 },
  });
  return { action, auditor };
}

/** The audit events an auditor mock was asked for, each with how it ended. */
export async function auditEvents(
  auditor: ReturnType<typeof mockServices.auditor.mock>,
) {
  const { calls, results } = (auditor.createEvent as jest.Mock).mock;
  return Promise.all(
    calls.map(async ([options], i) => {
      const event = await results[i].value;
      const ended = (outcome: 'success' | 'fail') =>
        (event[outcome] as jest.Mock).mock.calls.length > 0;
      let status = 'initiated';
      if (ended('success')) {
        status = 'succeeded';
      } else if (ended('fail')) {
        status = 'failed';
      }
      return { options, status };
    }),
  );
}

/** A task's context for the action: its workspace, initiator (ada by default), dry run and checkpoints. */
export function publishContext<TInput extends Record<string, any>>(
  input: TInput,
  options: {
    workspacePath: string;
    credentials?: BackstageCredentials;
    dryRun?: boolean;
    checkpoint?: (opts: { key: string; fn: () => unknown }) => Promise<any>;
  },
) {
  const { workspacePath, credentials = ada, dryRun, checkpoint } = options;
  // createMockActionContext keeps only the input, workspace and logger of what it is given.
  return Object.assign(
    createMockActionContext<TInput>({ input, workspacePath }),
    {
      getInitiatorCredentials: async () => credentials,
      ...(dryRun ? { isDryRun: true } : {}),
      ...(checkpoint ? { checkpoint: checkpoint as any } : {}),
    },
  );
}

/** What the action output, by name. */
export function outputsOf(ctx: { output: unknown }): Record<string, any> {
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

/** A catalog glob that reads every catalog-info.yaml one level below the directory. */
export function catalogGlob(publishDirectory: string): string {
  return path.join(publishDirectory, '*', 'catalog-info.yaml');
}

/** Runs git in a directory and returns its output, trimmed. */
export function gitIn(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Ada',
      GIT_AUTHOR_EMAIL: 'ada@example.com',
      GIT_COMMITTER_NAME: 'Ada',
      GIT_COMMITTER_EMAIL: 'ada@example.com',
    },
  }).trim();
}
