import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments } from 'yaml';
import { ResourceRegistry } from '../api/ResourceRegistry';
import { customResourceType } from '../crd/customResourceType';
import { isPlainObject } from '../store/objects';
import {
  BUILT_IN_NAMESPACES,
  checkSeedObject,
  seedIdentity,
} from './checkSeedObject';

/**
 * Reads a seed file: multi-document YAML of Kubernetes objects. Every object is checked (known type, valid
 * names, namespace set exactly for namespaced kinds, no duplicates), and a namespaced object must be in a
 * namespace the file declares or a built-in one. Errors name the file and the 1-based document number.
 * @public
 */
export function loadSeedFile(path: string): object[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read seed file ${path}: ${(e as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents)) {
    throw new Error(`${path}: not a YAML document stream`);
  }
  const objects: Array<{ where: string; namespace?: string; object: object }> =
    [];
  const seen = new Set<string>();
  const declaredNamespaces = new Set(BUILT_IN_NAMESPACES);
  const values = documents.flatMap((doc, i) => {
    const line = lineCounter.linePos(doc.range[0]).line;
    const where = `${path}: document ${i + 1} (line ${line})`;
    if (doc.errors.length > 0)
      throw new Error(`${where}: invalid YAML: ${doc.errors[0].message}`);
    const value = doc.toJS();
    return value === null || value === undefined ? [] : [{ value, where }];
  });
  // The file's CustomResourceDefinitions serve their types to the custom resources anywhere in it.
  const types = new ResourceRegistry();
  for (const { value, where } of values) {
    if (
      !isPlainObject(value) ||
      value.apiVersion !== 'apiextensions.k8s.io/v1' ||
      value.kind !== 'CustomResourceDefinition'
    )
      continue;
    const { object } = checkSeedObject(value, where, types);
    const rt = customResourceType(object);
    if (rt) types.register(rt);
  }
  for (const { value, where } of values) {
    const { rt, object } = checkSeedObject(value, where, types);
    const identity = seedIdentity(rt, object);
    if (seen.has(identity))
      throw new Error(`${where}: ${identity} is defined twice`);
    seen.add(identity);
    if (rt.kind === 'Namespace' && rt.group === '')
      declaredNamespaces.add(object.metadata.name ?? '');
    objects.push({
      where,
      namespace: rt.namespaced ? object.metadata.namespace : undefined,
      object,
    });
  }
  for (const o of objects) {
    if (o.namespace !== undefined && !declaredNamespaces.has(o.namespace)) {
      throw new Error(
        `${o.where}: namespace "${o.namespace}" is not declared in this file; add a Namespace document for it`,
      );
    }
  }
  return objects.map(o => o.object);
}
