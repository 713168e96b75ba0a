import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseAllDocuments, stringify } from 'yaml';

/** The catalog file as it will be published, and what it holds. */
export interface CatalogDocuments {
  /** The file's text: the workspace's documents, then the added entities. */
  text: string;
  /** Refs of every entity in the file, in order. */
  entityRefs: string[];
  /** The entity the template created: the first Component, else the first entity that is not a Location. */
  entityRef: string;
}

/**
 * The catalog file of a repository with `extra` entities added as more YAML documents (the
 * workspace's text is kept as written). Every document must be an entity; an entity given twice
 * is refused, since the catalog would reject the second one.
 */
export function catalogDocuments(
  fileName: string,
  workspaceText: string | undefined,
  extra: Array<Record<string, unknown>>,
): CatalogDocuments {
  const entities: Entity[] = [];
  const problems: string[] = [];
  if (workspaceText !== undefined) {
    parseAllDocuments(workspaceText).forEach((document, index) => {
      if (document.errors.length > 0) {
        problems.push(
          `${fileName} document ${index + 1}: ${document.errors[0].message}`,
        );
        return;
      }
      const value = document.toJS();
      if (value === null || value === undefined) {
        return;
      }
      collect(value, `${fileName} document ${index + 1}`);
    });
  }
  extra.forEach((value, index) => collect(value, `entities[${index}]`));

  function collect(value: unknown, where: string) {
    const problem = entityProblem(value);
    if (problem) {
      problems.push(`${where} ${problem}`);
    } else {
      entities.push(value as Entity);
    }
  }

  const entityRefs = entities.map(e =>
    stringifyEntityRef({
      kind: e.kind,
      namespace: e.metadata.namespace,
      name: e.metadata.name,
    }),
  );
  const duplicates = entityRefs.filter((r, i) => entityRefs.indexOf(r) !== i);
  if (duplicates.length > 0) {
    problems.push(
      `${[...new Set(duplicates)].join(', ')} given more than once`,
    );
  }
  if (problems.length === 0 && entities.length === 0) {
    problems.push(
      `${fileName} is missing from the workspace and no entities were given; write it first, e.g. with catalog:write`,
    );
  }
  if (problems.length > 0) {
    throw new InputError(
      `Cannot publish the catalog file: ${problems.join('; ')}`,
    );
  }

  const main =
    entities.findIndex(e => e.kind.toLowerCase() === 'component') >= 0
      ? entities.findIndex(e => e.kind.toLowerCase() === 'component')
      : Math.max(
          0,
          entities.findIndex(e => e.kind.toLowerCase() !== 'location'),
        );
  return {
    text: appendDocuments(workspaceText, extra),
    entityRefs,
    entityRef: entityRefs[main],
  };
}

function entityProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'is not an entity (an object with apiVersion, kind and metadata.name)';
  }
  const entity = value as {
    apiVersion?: unknown;
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  };
  const missing = [
    typeof entity.apiVersion === 'string' ? undefined : 'apiVersion',
    typeof entity.kind === 'string' ? undefined : 'kind',
    typeof entity.metadata?.name === 'string' ? undefined : 'metadata.name',
  ].filter(Boolean);
  if (missing.length > 0) {
    return `has no ${missing.join(', ')}`;
  }
  if (
    entity.metadata?.namespace !== undefined &&
    typeof entity.metadata.namespace !== 'string'
  ) {
    return 'has a metadata.namespace that is not a string';
  }
  return undefined;
}

function appendDocuments(
  text: string | undefined,
  extra: Array<Record<string, unknown>>,
): string {
  const added = extra.map(e => `---\n${stringify(e)}`).join('');
  if (text === undefined || text.trim() === '') {
    return added;
  }
  if (added === '') {
    return text;
  }
  return `${text.endsWith('\n') ? text : `${text}\n`}${added}`;
}
