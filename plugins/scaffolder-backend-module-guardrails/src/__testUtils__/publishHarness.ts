import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { createPublishLocalAction } from '../actions/publishLocal';
import { FakeCatalog } from './fakeCatalog';
import { recordingAuditor } from './actionHarness';

/** `guardrails:publish:local` publishing into `publishDirectory`, registering with the fake catalog. */
export function publishAction(
  catalog: FakeCatalog,
  publishDirectory: string | undefined,
  options: { timeoutMs?: number } = {},
) {
  const auditor = recordingAuditor();
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
