import {
  GuardrailPack,
  mergePacks,
  ParsedPack,
  parsePack,
  ParsePackOptions,
} from '@guardrails-dev/plugin-guardrails-common';
import { readPackFiles } from './readPackFiles';

/**
 * Loads a pack from directories of YAML files. Each directory is one layer, in order: its files
 * are parsed together, and the layer is merged onto the layers before it, so a platform pack can
 * replace or override guardrails of the default pack and exempt from them.
 * Throws the PackValidationError of the first layer that does not validate.
 * @public
 */
export async function loadPackFromDirectories(
  dirs: string[],
  options: ParsePackOptions = {},
): Promise<ParsedPack> {
  let pack: GuardrailPack = { guardrails: [], exemptions: [], overrides: [] };
  const warnings: ParsedPack['warnings'] = [];
  for (const dir of dirs) {
    const layer = parsePack(await readPackFiles([dir]), {
      ...options,
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
