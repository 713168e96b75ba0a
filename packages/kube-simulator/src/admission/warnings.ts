/** Total characters of warning text before the API server starts cutting each warning short. */
const TRUNCATE_AT_TOTAL_RUNES = 4 * 1024;
const TRUNCATE_ITEM_RUNES = 256;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `net.NewWarningHeader(299, "-", text)`: quotes and backslashes escaped; undefined for control characters. */
export function warningHeader(text: string): string | undefined {
  if (CONTROL.test(text)) return undefined;
  return `299 - "${text.replace(/["\\]/g, c => `\\${c}`)}"`;
}

/**
 * The API server's warning recorder: each text once, in order; once the texts pass 4096 characters every
 * warning is cut to 256 characters, and warnings beyond the limit are dropped.
 */
export class WarningRecorder {
  private readonly recorded = new Set<string>();
  private readonly ordered: string[] = [];
  private headers: string[] = [];
  private written = 0;
  private truncating = false;

  add(text: string): void {
    if (text === '') return;
    if (this.written >= TRUNCATE_AT_TOTAL_RUNES && this.truncating) return;
    if (this.recorded.has(text)) return;
    this.recorded.add(text);
    this.ordered.push(text);
    let runes = Array.from(text);
    if (this.truncating && runes.length > TRUNCATE_ITEM_RUNES)
      runes = runes.slice(0, TRUNCATE_ITEM_RUNES);
    const header = warningHeader(runes.join(''));
    if (header === undefined) return;
    if (
      this.written + runes.length <= TRUNCATE_AT_TOTAL_RUNES ||
      this.truncating
    ) {
      this.written += runes.length;
      this.headers.push(header);
      return;
    }
    this.truncating = true;
    this.written = 0;
    this.headers = [];
    for (const earlier of this.ordered) {
      const cut = Array.from(earlier).slice(0, TRUNCATE_ITEM_RUNES);
      const replayed = warningHeader(cut.join(''));
      if (replayed !== undefined) {
        this.written += cut.length;
        this.headers.push(replayed);
      }
    }
  }

  /**
   * `Warning` header values. Node writes header strings byte per character, so each value is its UTF-8 bytes
   * spelt as Latin-1 characters: on the wire the header is UTF-8, as the API server sends it.
   */
  headerValues(): string[] {
    return this.headers.map(h => Buffer.from(h, 'utf8').toString('latin1'));
  }
}
