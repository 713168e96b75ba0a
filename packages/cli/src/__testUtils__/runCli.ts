import path from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../index';

/** The fixtures directory; commands under test run with it as working directory. */
export const FIXTURES = path.resolve(__dirname, '..', '__fixtures__');

/** The clock of every test run unless told otherwise. */
export const NOW = '2026-11-22T00:00:00Z';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `guardrails` in-process with captured output, a given stdin, the fixtures as cwd and a fixed clock. */
export async function runCli(
  argv: string[],
  options: { stdin?: string; cwd?: string; now?: string } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    cwd: options.cwd ?? FIXTURES,
    now: () => new Date(options.now ?? NOW),
  });
  return { code, stdout, stderr };
}

/** A pattern matching exactly `text`, for tables of expectations mixing texts and patterns. */
export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
