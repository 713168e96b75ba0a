import { Document, LineCounter } from 'yaml';
import { readYamlDocuments, yamlSizeProblem } from '../pack/boundedYaml';
import { lineOf } from '../pack/documentLines';
import { FieldPath } from '../pack/fieldPath';
import {
  isKubernetesManifest,
  KubernetesManifest,
  kubernetesObjectProblem,
} from './kubernetesObject';
import { ManifestError, ManifestLocation } from './ManifestError';

/** One Kubernetes object read from a manifest file, with where it was. @public */
export interface LocatedManifest {
  object: KubernetesManifest;
  location: ManifestLocation;
}

type List = Record<string, unknown> & { kind: string; items: unknown[] };

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** As kubectl reads them: `kind: List`, or any `*List` kind, with an `items` array. */
function isList(value: unknown): value is List {
  return (
    isMapping(value) &&
    typeof value.kind === 'string' &&
    value.kind.endsWith('List') &&
    Array.isArray(value.items)
  );
}

/**
 * The API server leaves kind and apiVersion off the items of a typed list
 * (`DeploymentList`); as kubectl does, an item with neither takes the list's.
 */
function listItem(list: List, item: unknown): unknown {
  const kind = list.kind.slice(0, -'List'.length);
  if (
    !kind ||
    !isMapping(item) ||
    item.kind !== undefined ||
    item.apiVersion !== undefined
  ) {
    return item;
  }
  return { apiVersion: list.apiVersion, kind, ...item };
}

function documentManifests(
  file: string,
  documentIndex: number,
  document: Document,
  content: unknown,
  lineCounter: LineCounter,
): LocatedManifest[] {
  const take = (
    value: unknown,
    path: FieldPath,
    itemIndex?: number,
  ): LocatedManifest => {
    const location: ManifestLocation = {
      file,
      documentIndex,
      ...(itemIndex !== undefined ? { itemIndex } : {}),
      line: lineOf(document, lineCounter, path),
    };
    if (!isKubernetesManifest(value)) {
      throw new ManifestError(
        file,
        `not a Kubernetes object: it ${kubernetesObjectProblem(value)}`,
        location,
      );
    }
    return { object: value, location };
  };
  if (Array.isArray(content)) {
    return content.map((value, index) => take(value, [index], index));
  }
  if (isList(content)) {
    return content.items.map((item, index) =>
      take(listItem(content, item), ['items', index], index),
    );
  }
  return [take(content, [])];
}

/**
 * Reads the Kubernetes objects of one manifest file: YAML or JSON, with any
 * number of documents. A document is an object, a List (`kind: List` or a
 * typed list such as `DeploymentList`) whose items are the objects, or an
 * array of objects; empty documents are skipped. Throws a
 * {@link ManifestError} naming the file, document and line of a syntax error
 * or of anything that is not a Kubernetes object.
 * @public
 */
export function parseManifests(file: string, text: string): LocatedManifest[] {
  const tooBig = yamlSizeProblem(text);
  if (tooBig) {
    throw new ManifestError(file, tooBig);
  }
  const lineCounter = new LineCounter();
  return readYamlDocuments(text, lineCounter).flatMap(
    ({ document, content, problems }, documentIndex) => {
      const [problem] = problems;
      if (problem) {
        throw new ManifestError(
          file,
          problem.kind === 'syntax'
            ? `YAML syntax error: ${problem.message}`
            : `cannot read document: ${problem.message}`,
          { file, documentIndex, line: problem.line },
        );
      }
      if (content === null || content === undefined) {
        return [];
      }
      return documentManifests(
        file,
        documentIndex,
        document,
        content,
        lineCounter,
      );
    },
  );
}
