/*
 * The parts of Go's net/url that Kubernetes' URL library uses: Parse and
 * ParseRequestURI, Hostname, Port, EscapedPath and Query, ported for strings
 * of UTF-8 bytes so results match the cluster's.
 */

import { goQuote } from './goQuote';

export class GoUrlError extends Error {}

export interface GoUrl {
  scheme: string;
  opaque: string;
  host: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  fragment: string;
}

type Mode = 'path' | 'host' | 'query' | 'fragment' | 'userinfo';

const HEX = '0123456789ABCDEF';

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function shouldEscape(c: number, mode: Mode): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
    return false;
  }
  const ch = String.fromCharCode(c);
  if (mode === 'host') {
    // Go leaves the sub-delims, ':', brackets and '%' of a host alone.
    if ('!$&\'()*+,;=:[]<>"'.includes(ch)) return false;
  }
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    if (mode === 'path') return ch === '?';
    if (mode === 'userinfo') return '@/?:'.includes(ch);
    if (mode === 'query') return true;
    if (mode === 'fragment') return false;
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

/** Percent-encodes the UTF-8 bytes of `s` that `mode` requires. */
export function escape(s: string, mode: Mode): string {
  let out = '';
  for (const b of utf8(s)) {
    if (b === 32 && mode === 'query') out += '+';
    else if (shouldEscape(b, mode)) out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
    else out += String.fromCharCode(b);
  }
  return out;
}

/** Decodes %XX sequences (and '+' in queries); malformed escapes are errors. */
export function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  const raw = utf8(s);
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === 37) {
      if (i + 2 >= raw.length || !isHex(raw[i + 1]) || !isHex(raw[i + 2])) {
        throw new GoUrlError(`invalid URL escape "${s.slice(i, i + 3)}"`);
      }
      bytes.push(parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16));
      i += 2;
    } else if (c === 43 && mode === 'query') {
      bytes.push(32);
    } else {
      bytes.push(c);
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new GoUrlError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const end = host.lastIndexOf(']');
    if (end < 0) throw new GoUrlError("missing ']' in host");
    const port = host.slice(end + 1);
    if (!validOptionalPort(port)) {
      throw new GoUrlError(`invalid port "${port}" after host`);
    }
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) {
      throw new GoUrlError(`invalid port "${host.slice(colon)}" after host`);
    }
  }
  return unescape(host, 'host');
}

function parseAuthority(authority: string): string {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) {
      throw new GoUrlError('net/url: invalid userinfo');
    }
    unescape(userinfo, 'userinfo');
  }
  return host;
}

function parse(raw: string, viaRequest: boolean): GoUrl {
  if ([...raw].some(c => c < ' ' || c === '\x7f')) {
    throw new GoUrlError('net/url: invalid control character in URL');
  }
  if (raw === '' && viaRequest) throw new GoUrlError('empty url');
  const url: GoUrl = {
    scheme: '',
    opaque: '',
    host: '',
    path: '',
    rawPath: '',
    rawQuery: '',
    fragment: '',
  };
  if (raw === '*') return { ...url, path: '*' };
  let rest;
  [url.scheme, rest] = getScheme(raw);
  url.scheme = url.scheme.toLowerCase();
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) [rest, url.rawQuery] = [rest.slice(0, q), rest.slice(q + 1)];
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') return { ...url, opaque: rest };
    if (viaRequest) throw new GoUrlError('invalid URI for request');
    if (rest.split('/')[0].includes(':')) {
      throw new GoUrlError('first path segment in URL cannot contain colon');
    }
  }
  if (
    (url.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) &&
    rest.startsWith('//')
  ) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0)
      [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    url.host = parseAuthority(authority);
  }
  url.path = unescape(rest, 'path');
  url.rawPath = escape(url.path, 'path') === rest ? '' : rest;
  return url;
}

function wrap<T>(op: string, raw: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof GoUrlError) {
      throw new GoUrlError(`${op} ${goQuote(raw)}: ${error.message}`);
    }
    throw error;
  }
}

/** Go's url.ParseRequestURI: an absolute URI or an absolute path, no fragment. */
export function parseRequestUri(raw: string): GoUrl {
  return wrap('parse', raw, () => parse(raw, true));
}

/** Go's url.Parse: any URI reference, with its fragment split off. */
export function parseUrl(raw: string): GoUrl {
  return wrap('parse', raw, () => {
    const hash = raw.indexOf('#');
    const url = parse(hash < 0 ? raw : raw.slice(0, hash), false);
    if (hash >= 0) url.fragment = unescape(raw.slice(hash + 1), 'fragment');
    return url;
  });
}

function splitHostPort(host: string): [string, string] {
  let name = host;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(host.slice(colon))) {
    [name, port] = [host.slice(0, colon), host.slice(colon + 1)];
  }
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  return [name, port];
}

export function hostname(url: GoUrl): string {
  return splitHostPort(url.host)[0];
}

export function portOf(url: GoUrl): string {
  return splitHostPort(url.host)[1];
}

/** Go's validEncoded: `s` holds only characters a path may carry unescaped, or escapes. */
function validEncoded(s: string): boolean {
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if ("!$&'()*+,;=:@[]%".includes(c)) continue;
    if (shouldEscape(b, 'path')) return false;
  }
  return true;
}

/** Go's URL.EscapedPath. */
export function escapedPath(url: GoUrl): string {
  if (url.rawPath !== '' && validEncoded(url.rawPath)) {
    try {
      if (unescape(url.rawPath, 'path') === url.path) return url.rawPath;
    } catch {
      // fall through to escaping the decoded path
    }
  }
  if (url.path === '*') return '*';
  return escape(url.path, 'path');
}

/** Go's url.ParseQuery, keeping the pairs that parse (as URL.Query does). */
export function query(url: GoUrl): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of url.rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const [rawKey, rawValue] =
      eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    try {
      const key = unescape(rawKey, 'query');
      const value = unescape(rawValue, 'query');
      out.set(key, [...(out.get(key) ?? []), value]);
    } catch {
      // Go skips a pair that does not decode.
    }
  }
  return out;
}
