import { dirname, resolve } from 'node:path';

/**
 * Absolute path of the bundled seed files (dev.yaml, staging.yaml, prod.yaml and the dev-portal.yaml cluster
 * config). Resolved through the package's own manifest, so it holds from source, from a build and from a
 * bundled backend alike.
 * @public
 */
export const bundledSeedsDir: string = resolve(
  dirname(require.resolve('@guardrails-dev/kube-simulator/package.json')),
  'seeds',
);
