import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { ParsedPack, parsePack } from '../pack/parsePack';
import { DEFAULT_PACK_DIR_NAME } from '../index';
import { KubernetesManifest } from '../manifests/kubernetesObject';

const packageRoot = path.resolve(__dirname, '..', '..');

/** The default pack as shipped, loaded for the three default environments. */
export function readDefaultPack(now: Date): ParsedPack {
  const dir = path.join(packageRoot, DEFAULT_PACK_DIR_NAME);
  const files = fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.yaml'))
    .sort()
    .map(name => ({
      path: `${DEFAULT_PACK_DIR_NAME}/${name}`,
      content: fs.readFileSync(path.join(dir, name), 'utf8'),
    }));
  return parsePack(files, { now, environments: ['dev', 'staging', 'prod'] });
}

/** A case of an admission-only guardrail: delete the last object, expect it admitted or denied. */
export interface AdmissionFixtureCase {
  name: string;
  expect: 'admitted' | 'denied';
  environment?: string;
  message?: string;
  objects: KubernetesManifest[];
}

export interface AdmissionFixture {
  guardrail: string;
  at: string;
  servedAs?: { apiVersion: string; kind: string; resource: string };
  cases: AdmissionFixtureCase[];
}

/** `src/__fixtures__/default-pack-admission/*.yaml`: the admission-only guardrails' cases. */
export function readAdmissionFixtures(): AdmissionFixture[] {
  const dir = path.join(
    __dirname,
    '..',
    '__fixtures__',
    'default-pack-admission',
  );
  return fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.yaml'))
    .sort()
    .map(name => parse(fs.readFileSync(path.join(dir, name), 'utf8')));
}
