import { stringify } from 'yaml';

/**
 * Renders objects as one multi-document YAML text (`---` between documents),
 * without line folding so expressions stay on their lines.
 * @public
 */
export function toYaml(objects: ReadonlyArray<unknown>): string {
  return objects
    .map(object =>
      stringify(object, {
        lineWidth: 0,
        aliasDuplicateObjects: false,
        singleQuote: true,
      }),
    )
    .join('---\n');
}
