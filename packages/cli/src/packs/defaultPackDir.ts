import path from 'node:path';
import { DEFAULT_PACK_DIR_NAME } from '@guardrails-dev/plugin-guardrails-engine';

/** Directory of the default pack, shipped inside the installed engine package. */
export function defaultPackDir(): string {
  return path.join(
    path.dirname(
      require.resolve('@guardrails-dev/plugin-guardrails-engine/package.json'),
    ),
    DEFAULT_PACK_DIR_NAME,
  );
}
