import fs from 'node:fs/promises';
import path from 'node:path';
import {
  loadPackLayers,
  ParsedPack,
  ParsePackOptions,
} from '@guardrails-dev/plugin-guardrails-engine';

/**
 * Loads a pack from directories of YAML files on disk, each directory one layer merged onto the ones
 * before it (see `loadPackLayers` of the engine). Throws the PackValidationError of the first layer
 * that does not validate.
 * @public
 */
export async function loadPackFromDirectories(
  dirs: string[],
  options: ParsePackOptions = {},
  layers: { anyEnvironment?: string[] } = {},
): Promise<ParsedPack> {
  return loadPackLayers(
    dirs.map(dir => path.resolve(dir)),
    fs,
    options,
    { anyEnvironment: layers.anyEnvironment?.map(dir => path.resolve(dir)) },
  );
}
