import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { YAML_LIMITS } from './boundedYaml';
import { readPackFiles } from './readPackFiles';

let root: string;

function write(relative: string, content: string) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-packs-'));
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('readPackFiles', () => {
  it('reads YAML files recursively in path order, skipping hidden and other files', async () => {
    write('b.yaml', 'b');
    write('a/z.yml', 'z');
    write('a/nested/y.YAML', 'y');
    write('a.yaml', 'a');
    write('notes.txt', 'no');
    write('.git/config.yaml', 'no');
    write('a/.draft.yaml', 'no');

    const files = await readPackFiles([root], fs.promises);

    expect(files).toEqual([
      { path: path.join(root, 'a.yaml'), content: 'a' },
      { path: path.join(root, 'a/nested/y.YAML'), content: 'y' },
      { path: path.join(root, 'a/z.yml'), content: 'z' },
      { path: path.join(root, 'b.yaml'), content: 'b' },
    ]);
  });

  it('keeps directory order and reads a file reached twice once', async () => {
    write('second/s.yaml', 's');
    write('first/f.yaml', 'f');
    const files = await readPackFiles(
      [path.join(root, 'second'), path.join(root, 'first'), root],
      fs.promises,
    );
    expect(files.map(f => f.content)).toEqual(['s', 'f']);
  });

  it('refuses a file over the YAML size limit without reading it, naming the file and the limit', async () => {
    write('fine.yaml', 'a: 1');
    const huge = write('huge.yaml', '');
    // Sparse: over the limit on disk without writing megabytes.
    fs.truncateSync(huge, YAML_LIMITS.maxFileBytes + 1);
    await expect(readPackFiles([root], fs.promises)).rejects.toThrow(
      `Pack file '${huge}' is ${
        YAML_LIMITS.maxFileBytes + 1
      } bytes, over the limit of 4 MiB (4194304 bytes) for one YAML file`,
    );
  });

  it('names a missing directory and a file given as a directory', async () => {
    await expect(
      readPackFiles([path.join(root, 'nope')], fs.promises),
    ).rejects.toThrow(
      `Pack directory '${path.join(root, 'nope')}' does not exist`,
    );
    const file = write('file.yaml', 'x');
    await expect(readPackFiles([file], fs.promises)).rejects.toThrow(
      `Pack directory '${file}' is not a directory`,
    );
  });
});
