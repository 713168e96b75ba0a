import fs from 'fs';
import path from 'path';

/**
 * The expected text of a golden file next to the export tests. With
 * UPDATE_GOLDEN=1 the file is first rewritten with `actual`.
 */
export function golden(name: string, actual: string): string {
  const file = path.join(__dirname, '..', 'export', '__golden__', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.writeFileSync(file, actual);
  }
  return fs.readFileSync(file, 'utf8');
}

/** The error thrown by `fn`, or undefined when it does not throw. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
