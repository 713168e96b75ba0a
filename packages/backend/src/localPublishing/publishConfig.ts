import path from 'node:path';
import { Config } from '@backstage/config';

/** What `guardrails:publish:local` reads from configuration. */
export interface PublishConfig {
  /** Absolute publish directory; absent when publishing is off. */
  directory?: string;
  /** `scaffolder.defaultAuthor`, the author of the first commit unless the template names one. */
  defaultAuthor: { name: string; email: string };
}

/** The scaffolder's own default when `scaffolder.defaultAuthor` is not set. */
const FALLBACK_AUTHOR = {
  name: 'Scaffolder',
  email: 'scaffolder@backstage.io',
};

/**
 * Reads `guardrails.scaffolder.publishDirectory` (resolved against the working directory, as the
 * catalog resolves `file` locations, so the two name the same place) and `scaffolder.defaultAuthor`.
 */
export function readPublishConfig(config: Config): PublishConfig {
  const directory = config.getOptionalString(
    'guardrails.scaffolder.publishDirectory',
  );
  if (directory !== undefined && directory.trim() === '') {
    throw new Error(
      'guardrails.scaffolder.publishDirectory is empty; remove it to turn local publishing off, or name a directory',
    );
  }
  return {
    directory: directory === undefined ? undefined : path.resolve(directory),
    defaultAuthor: {
      name:
        config.getOptionalString('scaffolder.defaultAuthor.name') ??
        FALLBACK_AUTHOR.name,
      email:
        config.getOptionalString('scaffolder.defaultAuthor.email') ??
        FALLBACK_AUTHOR.email,
    },
  };
}
