import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { isPlainObject } from '../store/objects';
import { TokenRule } from '../types';
import { ClusterSpec } from './parseArgs';

function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`);
}

function stringList(file: string, value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    value.some(v => typeof v !== 'string' || v === '')
  ) {
    fail(file, `${field} must be a list of non-empty strings`);
  }
  return value as string[];
}

/**
 * Reads a multi-cluster config file (YAML or JSON):
 * `clusters: [{ name, port, host?, seeds: [..], tokens: [..] }]`. Seed paths are resolved against the
 * file's folder. Errors name the file and the field.
 */
export function loadClusterConfig(file: string): ClusterSpec[] {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(file, `cannot read cluster config: ${(e as Error).message}`);
  }
  if (
    !isPlainObject(doc) ||
    !Array.isArray(doc.clusters) ||
    doc.clusters.length === 0
  ) {
    fail(file, 'must have a non-empty "clusters" list');
  }
  const names = new Set<string>();
  const ports = new Set<number>();
  return doc.clusters.map((c: unknown, i: number) => {
    const at = `clusters[${i}]`;
    if (!isPlainObject(c)) fail(file, `${at} must be an object`);
    if (typeof c.name !== 'string' || c.name === '')
      fail(file, `${at}.name is required`);
    if (names.has(c.name)) fail(file, `${at}.name "${c.name}" is used twice`);
    names.add(c.name);
    const port = c.port ?? 0;
    if (
      !Number.isInteger(port) ||
      (port as number) < 0 ||
      (port as number) > 65535
    ) {
      fail(file, `${at}.port must be a port number between 0 and 65535`);
    }
    if (port !== 0 && ports.has(port as number))
      fail(file, `${at}.port ${port} is used twice`);
    ports.add(port as number);
    if (c.host !== undefined && typeof c.host !== 'string')
      fail(file, `${at}.host must be a string`);
    if (c.tokens !== undefined && !Array.isArray(c.tokens))
      fail(file, `${at}.tokens must be a list`);
    return {
      name: c.name,
      port: port as number,
      host: c.host as string | undefined,
      seeds: stringList(file, c.seeds, `${at}.seeds`).map(s =>
        resolve(dirname(file), s),
      ),
      tokens: c.tokens as Array<string | TokenRule> | undefined,
    };
  });
}
