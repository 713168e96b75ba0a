import { glob, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  isKubernetesManifest,
  KubernetesManifest,
  kubernetesObjectProblem,
  LocatedManifest,
  ManifestError,
  parseManifests,
  yamlSizeProblem,
} from '@guardrails-dev/plugin-guardrails-engine';

/** An object to validate and where it came from, for the report. */
export interface SourcedObject {
  object: KubernetesManifest;
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
      ...fileObjects(shown, await readFile(path.join(workspace, file), 'utf8')),
    );
  }
  return objects;
}

/** The Kubernetes objects of one workspace file, each with its file (and document, in a file of several). */
function fileObjects(file: string, text: string): SourcedObject[] {
  let manifests: LocatedManifest[];
  try {
    manifests = parseManifests(file, text);
  } catch (error) {
    throw error instanceof ManifestError
      ? new InputError(error.message)
      : error;
  }
  const severalDocuments = manifests.some(m => m.location.documentIndex > 0);
  return manifests.map(({ object, location }) => ({
    object,
    source: severalDocuments ? `${file}#${location.documentIndex + 1}` : file,
  }));
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

function checkObject(value: unknown, source: string): KubernetesManifest {
  if (!isKubernetesManifest(value)) {
    throw new InputError(
      `${source} is not a Kubernetes object: it ${kubernetesObjectProblem(
        value,
      )}`,
    );
  }
  return value;
}
