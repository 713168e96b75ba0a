import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { YAML_LIMITS } from './boundedYaml';
import { readPackFiles } from './readPackFiles';

const roots: string[] = [];
afterAll(() =>
  roots.forEach(root => fs.rmSync(root, { recursive: true, force: true })),
);

/** A fresh temporary directory holding `files` (relative path → content); read through Node's fs. */
function tree(files: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-packs-'));
  roots.push(root);
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), content);
  }
  const at = (relative: string) => path.join(root, relative);
  const read = (dirs: string[] = [root]) => readPackFiles(dirs, fs.promises);
  return { root, at, read };
}

describe('readPackFiles', () => {
  it('reads YAML files recursively in path order, skipping hidden and other files', async () => {
    const { at, read } = tree({
      'b.yaml': 'b',
      'a/z.yml': 'z',
      'a/nested/y.YAML': 'y',
      'a.yaml': 'a',
      'notes.txt': 'no',
      '.git/config.yaml': 'no',
      'a/.draft.yaml': 'no',
    });
    expect(await read()).toEqual([
      { path: at('a.yaml'), content: 'a' },
      { path: at('a/nested/y.YAML'), content: 'y' },
      { path: at('a/z.yml'), content: 'z' },
      { path: at('b.yaml'), content: 'b' },
    ]);
  });

  it('keeps directory order and reads a file reached twice once', async () => {
    const { root, at, read } = tree({
      'second/s.yaml': 's',
      'first/f.yaml': 'f',
    });
    const files = await read([at('second'), at('first'), root]);
    expect(files.map(f => f.content)).toEqual(['s', 'f']);
  });

  it('refuses a file over the YAML size limit without reading it, naming the file and the limit', async () => {
    const { at, read } = tree({ 'fine.yaml': 'a: 1', 'huge.yaml': '' });
    // Sparse: over the limit on disk without writing megabytes.
    fs.truncateSync(at('huge.yaml'), YAML_LIMITS.maxFileBytes + 1);
    await expect(read()).rejects.toThrow(
      `Pack file '${at('huge.yaml')}' is ${
        YAML_LIMITS.maxFileBytes + 1
      } bytes, over the limit of 4 MiB (4194304 bytes) for one YAML file`,
    );
  });

  it('names a missing directory and a file given as a directory', async () => {
    const { at, read } = tree({ 'file.yaml': 'x' });
    await expect(read([at('nope')])).rejects.toThrow(
      `Pack directory '${at('nope')}' does not exist`,
    );
    await expect(read([at('file.yaml')])).rejects.toThrow(
      `Pack directory '${at('file.yaml')}' is not a directory`,
    );
  });
});
