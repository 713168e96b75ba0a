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

/**
 * Reads a whole stream as UTF-8 text, keeping at most `maxBytes`: past that
 * the rest is read and counted but not kept, and `text` is undefined.
 */
export async function readAll(
  stream: AsyncIterable<string | Buffer>,
  maxBytes: number = Infinity,
): Promise<{ text?: string; bytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer =
      typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    bytes += buffer.length;
    if (bytes <= maxBytes) chunks.push(buffer);
    else chunks.length = 0;
  }
  return bytes <= maxBytes
    ? { text: Buffer.concat(chunks).toString('utf8'), bytes }
    : { bytes };
}
