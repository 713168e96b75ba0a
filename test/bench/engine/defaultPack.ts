import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_PACK_DIR_NAME,
  parsePack,
} from '@guardrails-dev/plugin-guardrails-engine';

/** The engine's default pack, parsed as of `now`. */
export function loadDefaultPack(now: Date) {
  const root = path.dirname(
    require.resolve('@guardrails-dev/plugin-guardrails-engine/package.json'),
  );
  const dir = path.join(root, DEFAULT_PACK_DIR_NAME);
  const files = fs
    .readdirSync(dir)
    .filter(name => /\.ya?ml$/.test(name))
    .sort()
    .map(name => ({
      path: name,
      content: fs.readFileSync(path.join(dir, name), 'utf8'),
    }));
  return parsePack(files, { now }).pack;
}
