/** Something text can be written to, such as `process.stdout`. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Everything the command touches outside its arguments, so tests can run it
 * in-process with captured output, a given stdin and a fixed clock.
 */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Read when a path argument is `-`. */
  stdin: AsyncIterable<string | Buffer>;
  /** Relative paths are resolved against, and reported relative to, this directory. */
  cwd: string;
  /** The current time: the default `--at`, and the instant exemption spans are measured from. */
  now: () => Date;
}

/** The real process's streams, directory and clock. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/** Reads a whole stream as UTF-8 text. */
export async function readAll(
  stream: AsyncIterable<string | Buffer>,
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
