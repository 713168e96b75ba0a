import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { YAML_LIMITS } from '@guardrails-dev/plugin-guardrails-engine';
import { readWorkspaceManifests } from './workspaceManifests';

/** "Billion laughs": nine levels of nine aliases, 9^9 strings once expanded; the bomb starts at line 2. */
const ALIAS_BOMB = [
  '# rendered by a template',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: { name: laughs }',
  'data:',
  '  a0: &a0 "lol"',
  ...Array.from(
    { length: 9 },
    (_, i) => `  a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`,
  ),
  '',
].join('\n');

let workspace: string;

beforeEach(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-workspace-'));
});

afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

describe('readWorkspaceManifests on untrusted YAML', () => {
  it('refuses an alias bomb, naming the file and line', async () => {
    fs.writeFileSync(path.join(workspace, 'laughs.yaml'), ALIAS_BOMB);
    const started = Date.now();
    const error = await readWorkspaceManifests(workspace, ['*.yaml']).catch(
      e => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^laughs\.yaml: document 1, line 2: cannot read document: Excessive alias count/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a file over the size limit without reading it, naming the file and the limit', async () => {
    const huge = path.join(workspace, 'huge.yaml');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, YAML_LIMITS.maxFileBytes + 1);
    await expect(readWorkspaceManifests(workspace, ['*.yaml'])).rejects.toThrow(
      new InputError(
        `huge.yaml is ${
          YAML_LIMITS.maxFileBytes + 1
        } bytes, over the limit of 4 MiB (4194304 bytes) for one YAML file`,
      ),
    );
  });
});
