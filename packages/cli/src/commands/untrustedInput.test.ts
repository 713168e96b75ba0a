import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { YAML_LIMITS } from '@guardrails-dev/plugin-guardrails-engine';
import { FIXTURES, runCli } from '../__testUtils__/runCli';

const BASIC = path.join(FIXTURES, 'packs/basic');

/** "Billion laughs": nine levels of nine aliases, 9^9 strings once expanded; the bomb starts at line 5. */
const ALIAS_BOMB = [
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

/** A guardrail whose message repeats an annotation of the object, at block in prod. */
const ECHO_PACK = [
  'apiVersion: guardrails.dev/v1alpha1',
  'kind: Guardrail',
  'metadata: { name: test.echo }',
  'spec:',
  '  title: ConfigMaps must not carry notes',
  '  category: preventive',
  '  severity: low',
  '  rationale: Tests long messages.',
  '  remediation: Remove the note.',
  '  match:',
  "    resources: [{ apiGroups: [''], kinds: [ConfigMap] }]",
  '  validations:',
  '    - expression: "!has(object.metadata.annotations) || !(\'note\' in object.metadata.annotations)"',
  "      messageExpression: object.metadata.annotations['note']",
  '  rollout:',
  "    prod: [{ level: warn }, { level: block, from: '2026-01-01' }]",
  '',
].join('\n');

let dir: string;

function write(relative: string, content: string): string {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** A file over the YAML size limit on disk, written sparse. */
function writeHuge(relative: string): void {
  fs.truncateSync(write(relative, ''), YAML_LIMITS.maxFileBytes + 1);
}

const SIZE_PROBLEM = `is ${
  YAML_LIMITS.maxFileBytes + 1
} bytes, over the limit of 4 MiB (4194304 bytes) for one YAML file`;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-untrusted-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function expectNoStack(text: string) {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toContain('ReferenceError');
}

describe('guardrails lint on untrusted YAML', () => {
  it('reports an alias bomb in a pack as a problem with file and line, exit 1', async () => {
    write(
      'pack/laughs.yaml',
      ALIAS_BOMB.replace(
        'apiVersion: v1',
        'apiVersion: guardrails.dev/v1alpha1',
      ),
    );
    const run = await runCli(['lint', 'pack'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^pack\/laughs\.yaml:1 \(document 1\) cannot read the document: Excessive alias count/m,
    );
    expect(run.stdout).toMatch(/^Invalid: 1 problem\.$/m);
    expectNoStack(run.stdout + run.stderr);
  });

  it('names a pack file over the size limit and the limit, exit 2', async () => {
    write('pack/fine.yaml', '# nothing yet\n');
    writeHuge('pack/huge.yaml');
    const run = await runCli(['lint', 'pack'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: cannot read pack: Pack file '${path.join(
        dir,
        'pack/huge.yaml',
      )}' ${SIZE_PROBLEM}\n`,
    );
  });
});

describe('guardrails check on untrusted YAML', () => {
  it('names the file, document and line of an alias bomb in the manifests, without a stack', async () => {
    write(
      'k8s/ok.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: ok }\n',
    );
    write('k8s/laughs.yaml', `# a comment first\n${ALIAS_BOMB}`);
    const run = await runCli(['check', 'k8s', '--pack', BASIC], { cwd: dir });
    // Bad input, as for any YAML error (see `guardrails check --help`).
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error: k8s\/laughs\.yaml: document 1, line 2: cannot read document: Excessive alias count[^\n]*\n$/,
    );
    expectNoStack(run.stderr);
  });

  it('names the file and line of an alias bomb in the pack', async () => {
    write(
      'pack/laughs.yaml',
      ALIAS_BOMB.replace(
        'apiVersion: v1',
        'apiVersion: guardrails.dev/v1alpha1',
      ),
    );
    write(
      'k8s/ok.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: ok }\n',
    );
    const run = await runCli(['check', 'k8s', '--pack', 'pack'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^ {2}- pack\/laughs\.yaml:1 \(document 1\) cannot read the document: Excessive alias count/m,
    );
    expectNoStack(run.stderr);
  });

  it('names a manifest file over the size limit and the limit', async () => {
    writeHuge('k8s/huge.yaml');
    const run = await runCli(['check', 'k8s', '--pack', BASIC], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: cannot read k8s/huge.yaml: it ${SIZE_PROBLEM}\n`,
    );
  });

  it('refuses stdin over the size limit', async () => {
    const run = await runCli(['check', '-', '--pack', BASIC], {
      cwd: dir,
      stdin: `# ${'x'.repeat(YAML_LIMITS.maxFileBytes)}\n`,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: cannot read <stdin>: it is ${
        YAML_LIMITS.maxFileBytes + 3
      } bytes, over the limit of 4 MiB (4194304 bytes) for one YAML file\n`,
    );
  });

  it('cuts messages at 1 KiB however long the annotation they repeat', async () => {
    write('pack/echo.yaml', ECHO_PACK);
    const objects = 100;
    const note = 'n'.repeat(30 * 1024);
    for (let file = 0; file < 4; file++) {
      write(
        `k8s/notes-${file}.yaml`,
        Array.from(
          { length: objects / 4 },
          (_, i) =>
            `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes-${file}-${i}\n  annotations:\n    note: ${note}\n`,
        ).join('---\n'),
      );
    }
    const json = await runCli(
      ['check', 'k8s', '--pack', 'pack', '--format', 'json'],
      { cwd: dir },
    );
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    const { results } = JSON.parse(json.stdout) as {
      results: Array<{ result: string; message: string }>;
    };
    expect(results).toHaveLength(objects);
    for (const { result, message } of results) {
      expect(result).toBe('fail');
      expect(Buffer.byteLength(message)).toBeLessThanOrEqual(1024);
      expect(message).toMatch(/… \(message cut at 1 KiB\)$/);
    }
    // The input is 3 MB; the output stays near 1 KiB per result.
    expect(json.stdout.length).toBeLessThan(objects * 2048);

    const table = await runCli(['check', 'k8s', '--pack', 'pack'], {
      cwd: dir,
    });
    expect(table.code).toBe(1);
    expect(table.stdout.length).toBeLessThan(objects * 2048);
  });
});
