import { KubernetesObject } from '@guardrails-dev/plugin-guardrails-common';
import {
  parseYamlDocuments,
  yamlDocumentToJS,
  yamlSizeProblem,
} from '@guardrails-dev/plugin-guardrails-engine';
import { Document, isNode, LineCounter, Node } from 'yaml';
import { CliError } from '../CliError';

/** Where a manifest came from: for messages, the table and SARIF locations. */
export interface ManifestLocation {
  /** The path as given (relative to the working directory), or `-` for stdin. */
  file: string;
  /** Zero-based document in the file. */
  documentIndex: number;
  /** Zero-based item, when the object is an item of a List or of a top-level array. */
  itemIndex?: number;
  /** One-based line where the object starts. */
  line?: number;
}

/** One Kubernetes object read from input, with its location. */
export interface Manifest {
  object: KubernetesObject;
  location: ManifestLocation;
}

function describeLocation(location: ManifestLocation): string {
  const item =
    location.itemIndex !== undefined ? `, item ${location.itemIndex + 1}` : '';
  const line = location.line !== undefined ? `, line ${location.line}` : '';
  return `${location.file === '-' ? '<stdin>' : location.file}: document ${
    location.documentIndex + 1
  }${item}${line}`;
}

function lineOf(node: unknown, lineCounter: LineCounter): number | undefined {
  return isNode(node) && (node as Node).range
    ? lineCounter.linePos((node as Node).range![0]).line
    : undefined;
}

function kubernetesObjectProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (Array.isArray(value)) return 'is a list, not an object';
    return `is ${value === null ? 'null' : `a ${typeof value}`}, not an object`;
  }
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.apiVersion !== 'string' || candidate.apiVersion === '') {
    return 'has no apiVersion';
  }
  if (typeof candidate.kind !== 'string' || candidate.kind === '') {
    return 'has no kind';
  }
  const metadata = candidate.metadata;
  if (
    metadata !== undefined &&
    (typeof metadata !== 'object' ||
      metadata === null ||
      Array.isArray(metadata))
  ) {
    return 'has a metadata field that is not a mapping';
  }
  const { name, generateName } = (metadata ?? {}) as Record<string, unknown>;
  if (
    (typeof name !== 'string' || !name) &&
    (typeof generateName !== 'string' || !generateName)
  ) {
    return `has no metadata.name (kind ${candidate.kind})`;
  }
  return undefined;
}

function isList(value: Record<string, unknown>): boolean {
  return (
    typeof value.kind === 'string' &&
    value.kind.endsWith('List') &&
    Array.isArray(value.items)
  );
}

/**
 * Items of a typed list as the API server returns them (`DeploymentList`)
 * have no kind or apiVersion of their own; they take the list's.
 */
function listItem(list: Record<string, unknown>, item: unknown): unknown {
  if (
    typeof item !== 'object' ||
    item === null ||
    Array.isArray(item) ||
    list.kind === 'List'
  ) {
    return item;
  }
  const typed = item as Record<string, unknown>;
  return {
    ...(typed.apiVersion === undefined ? { apiVersion: list.apiVersion } : {}),
    ...(typed.kind === undefined
      ? { kind: (list.kind as string).slice(0, -'List'.length) }
      : {}),
    ...typed,
  };
}

function documentObjects(
  document: Document,
  content: unknown,
  base: ManifestLocation,
  lineCounter: LineCounter,
): Manifest[] {
  const take = (value: unknown, location: ManifestLocation): Manifest => {
    const problem = kubernetesObjectProblem(value);
    if (problem) {
      throw new CliError(
        `${describeLocation(location)}: not a Kubernetes object: it ${problem}`,
      );
    }
    return { object: value as KubernetesObject, location };
  };
  const items = (values: unknown[], path: Array<string | number>) =>
    values.map((value, itemIndex) => ({
      value,
      location: {
        ...base,
        itemIndex,
        line:
          lineOf(document.getIn([...path, itemIndex], true), lineCounter) ??
          base.line,
      },
    }));
  if (Array.isArray(content)) {
    return items(content, []).map(({ value, location }) =>
      take(value, location),
    );
  }
  if (
    typeof content === 'object' &&
    content !== null &&
    isList(content as Record<string, unknown>)
  ) {
    const list = content as Record<string, unknown>;
    return items(list.items as unknown[], ['items']).map(
      ({ value, location }) => take(listItem(list, value), location),
    );
  }
  return [take(content, base)];
}

/**
 * Reads the Kubernetes objects of one file: multi-document YAML or JSON
 * (JSON is YAML), where a document may be an object, a `List` or typed list
 * (`DeploymentList`) with `items`, or an array of objects. Empty documents
 * are skipped. Throws a usage error naming the file, document and line of a
 * syntax error or of anything that is not a Kubernetes object.
 */
export function parseManifests(file: string, text: string): Manifest[] {
  const tooBig = yamlSizeProblem(text);
  if (tooBig) {
    throw new CliError(
      `cannot read ${file === '-' ? '<stdin>' : file}: it ${tooBig}`,
    );
  }
  const lineCounter = new LineCounter();
  const documents = parseYamlDocuments(text, lineCounter);
  const manifests: Manifest[] = [];
  documents.forEach((document, documentIndex) => {
    const [error] = document.errors;
    if (error) {
      const line = error.linePos?.[0].line;
      const message = error.message
        .split('\n')[0]
        .replace(/ at line \d+, column \d+:?$/, '');
      throw new CliError(
        `${describeLocation({
          file,
          documentIndex,
          line,
        })}: YAML syntax error: ${message}`,
      );
    }
    let content: unknown;
    try {
      content = yamlDocumentToJS(document);
    } catch (cause) {
      // An alias bomb or an alias to no anchor.
      throw new CliError(
        `${describeLocation({
          file,
          documentIndex,
          line: lineOf(document.contents, lineCounter),
        })}: cannot read document: ${
          cause instanceof Error ? cause.message : String(cause)
        }`,
      );
    }
    if (content === null || content === undefined) {
      return;
    }
    const base = {
      file,
      documentIndex,
      line: lineOf(document.contents, lineCounter),
    };
    manifests.push(...documentObjects(document, content, base, lineCounter));
  });
  return manifests;
}
