/** What an address is replaced with in text meant for people. */
const REDACTED = '[address]';

const PATTERNS = [
  // URLs of any scheme: https://10.0.0.7:6443/api/v1/…
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi,
  // IPv6 in brackets, with an optional port.
  /\[[0-9a-f:.]+\](?::\d{1,5})?/gi,
  // IPv4, with an optional port.
  /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g,
  // Host names with a port: api.prod.internal:6443, localhost:6443.
  /\b(?:localhost|(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*):\d{1,5}\b/gi,
];

/**
 * The text without URLs, IP addresses and host:port pairs. Errors shown to people name the cluster; its address is
 * internal and goes to the backend log only.
 * @public
 */
export function redactAddresses(text: string): string {
  return PATTERNS.reduce(
    (result, pattern) => result.replace(pattern, REDACTED),
    text,
  );
}
