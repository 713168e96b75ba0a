/** Exit codes of the `guardrails` command. */
export const EXIT = {
  /** Nothing at `block`; the pack is valid; the command did what was asked. */
  ok: 0,
  /** `check`: something is at `block`. `lint`: the pack is invalid. */
  failed: 1,
  /** Bad usage or bad input: unreadable file, malformed YAML or pack, unknown option value. */
  usage: 2,
} as const;

/**
 * An error the command reports as one message on stderr, without a stack,
 * and exits with `exitCode` (bad input unless said otherwise).
 */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
