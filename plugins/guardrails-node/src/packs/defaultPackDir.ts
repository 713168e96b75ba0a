import { resolvePackagePath } from '@backstage/backend-plugin-api';

/**
 * Directory of the pack bundled with `@guardrails-dev/plugin-guardrails-engine`, resolved through
 * the installed package so it works from the monorepo and from an installed backend alike.
 * @public
 */
export function defaultPackDir(): string {
  return resolvePackagePath(
    '@guardrails-dev/plugin-guardrails-engine',
    'packs',
    'default',
  );
}
