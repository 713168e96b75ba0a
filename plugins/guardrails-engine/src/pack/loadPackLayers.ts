import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import { mergePacks } from './mergePacks';
import { ParsedPack, parsePack, ParsePackOptions } from './parsePack';
import { PackFileSystem, readPackFiles } from './readPackFiles';

/**
 * Loads a pack from directories of YAML files. Each directory is one layer, in order: its files
 * are parsed together, and the layer is merged onto the layers before it, so a platform pack can
 * replace or override guardrails of the default pack and exempt from them. Directories are absolute;
 * files are read through `fileSystem` (Node's `fs.promises`).
 * Throws the PackValidationError of the first layer that does not validate.
 * @public
 */
export async function loadPackLayers(
  dirs: string[],
  fileSystem: PackFileSystem,
  options: ParsePackOptions = {},
  layers: {
    /**
     * Directories whose rollout plans may name environments that are not configured (the bundled default
     * pack plans dev, staging and prod; a backend with other environments overrides its rollouts instead).
     */
    anyEnvironment?: string[];
  } = {},
): Promise<ParsedPack> {
  let pack: GuardrailPack = { guardrails: [], exemptions: [], overrides: [] };
  const warnings: ParsedPack['warnings'] = [];
  for (const dir of dirs) {
    const { environments, ...rest } = options;
    const layer = parsePack(await readPackFiles([dir], fileSystem), {
      ...rest,
      ...(layers.anyEnvironment?.includes(dir) ? {} : { environments }),
      knownGuardrailIds: [
        ...(options.knownGuardrailIds ?? []),
        ...pack.guardrails.map(g => g.id),
      ],
    });
    warnings.push(...layer.warnings);
    pack = mergePacks(pack, layer.pack);
  }
  return { pack, warnings };
}
