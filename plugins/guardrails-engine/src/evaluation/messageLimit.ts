/**
 * Longest result message, in UTF-8 bytes. A messageExpression can echo a
 * whole annotation (Kubernetes allows 256 KiB) into every result, and results
 * are kept by the thousand in the CLI's output, the store and the API.
 *
 * @public
 */
export const MAX_MESSAGE_BYTES = 1024;

/** What replaces the end of a message that was cut. */
export const CUT_MARKER = '… (message cut at 1 KiB)';

function utf8Bytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  // Lone surrogates are encoded as U+FFFD, three bytes too.
  return codePoint < 0x10000 ? 3 : 4;
}

/** The length of a text in UTF-8 bytes. */
export function utf8Length(text: string): number {
  return Array.from(text).reduce(
    (sum, char) => sum + utf8Bytes(char.codePointAt(0)!),
    0,
  );
}

const MARKER_BYTES = utf8Length(CUT_MARKER);

/**
 * The message itself when it fits in `maxBytes` (default
 * {@link MAX_MESSAGE_BYTES}); otherwise as many whole characters as fit with
 * the cut marker after them. Reads at most about `maxBytes` of the message,
 * however long it is.
 */
export function capMessage(
  message: string,
  maxBytes: number = MAX_MESSAGE_BYTES,
): string {
  // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
  if (message.length * 3 <= maxBytes) return message;
  const room = maxBytes - MARKER_BYTES;
  let bytes = 0;
  let cutAt = -1;
  for (let i = 0; i < message.length; ) {
    const codePoint = message.codePointAt(i)!;
    const size = utf8Bytes(codePoint);
    if (cutAt < 0 && bytes + size > room) cutAt = i;
    bytes += size;
    if (bytes > maxBytes) return message.slice(0, cutAt) + CUT_MARKER;
    i += codePoint > 0xffff ? 2 : 1;
  }
  return message;
}
