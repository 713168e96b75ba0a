import { glob, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { KubernetesObject } from '@guardrails-dev/plugin-guardrails-common';
import {
  parseYamlDocuments,
  yamlDocumentToJS,
  yamlSizeProblem,
} from '@guardrails-dev/plugin-guardrails-engine';
import { LineCounter } from 'yaml';

/** An object to validate and where it came from, for the report. */
export interface SourcedObject {
  object: KubernetesObject;
  /** `k8s/deployment.yaml` (document 2 of a file: `k8s/all.yaml#2`), or `objects[0]` for inline input. */
  source: string;
}

/**
 * Reads the Kubernetes objects of the workspace files matching the glob patterns, relative to the
 * workspace. Patterns and matches that would leave the workspace (absolute paths, `..`, symbolic
 * links pointing out) are refused, as is a pattern matching no file.
 */
export async function readWorkspaceManifests(
  workspacePath: string,
  patterns: string[],
): Promise<SourcedObject[]> {
  for (const pattern of patterns) {
    checkPattern(pattern);
  }
  const workspace = await realpath(workspacePath);
  const files = new Set<string>();
  for (const pattern of patterns) {
    const matched: string[] = [];
    for await (const entry of glob(pattern, { cwd: workspace })) {
      const file = await realpath(path.resolve(workspace, entry));
      if (!isChildPath(workspace, file)) {
        throw new InputError(
          `paths: '${entry}' (matched by '${pattern}') leads outside the task workspace`,
        );
      }
      if ((await stat(file)).isFile()) {
        matched.push(path.relative(workspace, file));
      }
    }
    if (matched.length === 0) {
      throw new InputError(
        `paths: '${pattern}' matches no file in the task workspace`,
      );
    }
    matched.forEach(f => files.add(f));
  }
  const objects: SourcedObject[] = [];
  for (const file of [...files].sort()) {
    const shown = file.split(path.sep).join('/');
    // Checked before reading: workspace files come from template input and fetched repositories.
    const tooBig = yamlSizeProblem(
      (await stat(path.join(workspace, file))).size,
    );
    if (tooBig) {
      throw new InputError(`${shown} ${tooBig}`);
    }
    objects.push(
      ...parseManifests(
        await readFile(path.join(workspace, file), 'utf8'),
        shown,
      ),
    );
  }
  return objects;
}

/** The Kubernetes objects of a YAML file's documents; `List` documents give their items. */
export function parseManifests(text: string, file: string): SourcedObject[] {
  const tooBig = yamlSizeProblem(text);
  if (tooBig) {
    throw new InputError(`${file} ${tooBig}`);
  }
  const lineCounter = new LineCounter();
  const documents = parseYamlDocuments(text, lineCounter);
  const objects: SourcedObject[] = [];
  documents.forEach((document, index) => {
    const source = documents.length > 1 ? `${file}#${index + 1}` : file;
    if (document.errors.length > 0) {
      throw new InputError(
        `${source} is not valid YAML: ${document.errors[0].message}`,
      );
    }
    let value: unknown;
    try {
      value = yamlDocumentToJS(document);
    } catch (error) {
      // An alias bomb or an alias to no anchor.
      const start = document.contents?.range?.[0] ?? 0;
      throw new InputError(
        `${source} is not valid YAML at line ${
          lineCounter.linePos(start).line
        }: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (value === null || value === undefined) {
      return;
    }
    if (
      isObject(value) &&
      value.kind === 'List' &&
      Array.isArray(value.items)
    ) {
      value.items.forEach((item: unknown, i: number) =>
        objects.push({
          object: checkObject(item, `${source} items[${i}]`),
          source,
        }),
      );
      return;
    }
    objects.push({ object: checkObject(value, source), source });
  });
  return objects;
}

/** Inline `objects` input, checked like file contents. */
export function inlineObjects(values: unknown[]): SourcedObject[] {
  return values.map((value, index) => ({
    object: checkObject(value, `objects[${index}]`),
    source: `objects[${index}]`,
  }));
}

function checkPattern(pattern: string): void {
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    throw new InputError('paths: a pattern is empty');
  }
  if (
    path.isAbsolute(pattern) ||
    path.win32.isAbsolute(pattern) ||
    pattern.split(/[\\/]/).includes('..')
  ) {
    throw new InputError(
      `paths: '${pattern}' must be relative to the task workspace and stay inside it`,
    );
  }
}

function checkObject(value: unknown, source: string): KubernetesObject {
  if (!isObject(value)) {
    throw new InputError(`${source} is not a Kubernetes object`);
  }
  const metadata = value.metadata;
  const problems = [
    typeof value.apiVersion === 'string' && value.apiVersion
      ? ''
      : 'apiVersion',
    typeof value.kind === 'string' && value.kind ? '' : 'kind',
    isObject(metadata) &&
    ((typeof metadata.name === 'string' && metadata.name) ||
      (typeof metadata.generateName === 'string' && metadata.generateName))
      ? ''
      : 'metadata.name',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new InputError(
      `${source} is not a Kubernetes object: it has no ${problems.join(', ')}`,
    );
  }
  return value as KubernetesObject;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
