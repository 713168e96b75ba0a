import { Environment, EvaluationError } from '@marcbachmann/cel-js';
import {
  IpAddress,
  IpParseError,
  IpPrefix,
  parseIp,
  parsePrefix,
} from './ipAddress';

const SYNC = { async: false };
const IP = IpAddress.celTypeName;
const CIDR = IpPrefix.celTypeName;

function parsed<T>(parse: (text: string) => T): (text: string) => T {
  return text => {
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof IpParseError)
        throw new EvaluationError(error.message);
      throw error;
    }
  };
}

function valid(parse: (text: string) => unknown): (text: string) => boolean {
  return text => {
    try {
      parse(text);
      return true;
    } catch (error) {
      if (error instanceof IpParseError) return false;
      throw error;
    }
  };
}

const toIp = parsed(parseIp);
const toPrefix = parsed(parsePrefix);

function isLinkLocalUnicast(ip: IpAddress): boolean {
  const [a, b] = ip.bytes;
  return ip.family === 4
    ? a === 169 && b === 254
    : a === 0xfe && (b & 0xc0) === 0x80;
}

function isLoopback(ip: IpAddress): boolean {
  return ip.family === 4 ? ip.bytes[0] === 127 : ip.toString() === '::1';
}

function isMulticast(ip: IpAddress): boolean {
  return ip.family === 4 ? (ip.bytes[0] & 0xf0) === 0xe0 : ip.bytes[0] === 0xff;
}

function isUnspecified(ip: IpAddress): boolean {
  return ip.bytes.every(b => b === 0);
}

/** netip's IsGlobalUnicast: private and ULA addresses count as global. */
function isGlobalUnicast(ip: IpAddress): boolean {
  if (ip.family === 4 && ip.bytes.every(b => b === 255)) return false;
  return (
    !isUnspecified(ip) &&
    !isLoopback(ip) &&
    !isMulticast(ip) &&
    !isLinkLocalUnicast(ip)
  );
}

function isLinkLocalMulticast(ip: IpAddress): boolean {
  const [a, b, c] = ip.bytes;
  return ip.family === 4
    ? a === 224 && b === 0 && c === 0
    : a === 0xff && (b & 0x0f) === 0x02;
}

class IpNamespace {}

/**
 * Kubernetes' IP and CIDR libraries (k8s.io/apiserver/pkg/cel/library/ip.go
 * and cidr.go).
 */
export function registerNetworkLibrary(env: Environment): void {
  env.registerType(IP, { ctor: IpAddress, fields: {} });
  env.registerType(CIDR, { ctor: IpPrefix, fields: {} });
  env.registerOperator(`${IP} == ${IP}`, (a: IpAddress, b: IpAddress) =>
    a.equals(b),
  );
  env.registerOperator(`${CIDR} == ${CIDR}`, (a: IpPrefix, b: IpPrefix) =>
    a.equals(b),
  );
  env.registerType('IpNamespace', IpNamespace);
  env.registerConstant('ip', 'IpNamespace', new IpNamespace());

  env.registerFunction(`ip(string): ${IP}`, toIp, SYNC);
  env.registerFunction('isIP(string): bool', valid(parseIp), SYNC);
  env.registerFunction(
    'IpNamespace.isCanonical(string): bool',
    (_: IpNamespace, text: string) => toIp(text).toString() === text,
    SYNC,
  );
  env.registerFunction(
    `string(${IP}): string`,
    (ip: IpAddress) => ip.toString(),
    SYNC,
  );
  env.registerFunction(
    `${IP}.family(): int`,
    (ip: IpAddress) => BigInt(ip.family),
    SYNC,
  );
  const predicates: Array<[string, (ip: IpAddress) => boolean]> = [
    ['isUnspecified', isUnspecified],
    ['isLoopback', isLoopback],
    ['isLinkLocalMulticast', isLinkLocalMulticast],
    ['isLinkLocalUnicast', isLinkLocalUnicast],
    ['isGlobalUnicast', isGlobalUnicast],
  ];
  for (const [name, test] of predicates) {
    env.registerFunction(`${IP}.${name}(): bool`, test, SYNC);
  }

  env.registerFunction(`cidr(string): ${CIDR}`, toPrefix, SYNC);
  env.registerFunction('isCIDR(string): bool', valid(parsePrefix), SYNC);
  env.registerFunction(
    `string(${CIDR}): string`,
    (p: IpPrefix) => p.toString(),
    SYNC,
  );
  env.registerFunction(
    `${CIDR}.containsIP(${IP}): bool`,
    (p: IpPrefix, ip: IpAddress) => p.contains(ip),
    SYNC,
  );
  env.registerFunction(
    `${CIDR}.containsIP(string): bool`,
    (p: IpPrefix, text: string) => p.contains(toIp(text)),
    SYNC,
  );
  const containsPrefix = (p: IpPrefix, other: IpPrefix) =>
    p.bits <= other.bits && p.contains(other.address);
  env.registerFunction(
    `${CIDR}.containsCIDR(${CIDR}): bool`,
    containsPrefix,
    SYNC,
  );
  env.registerFunction(
    `${CIDR}.containsCIDR(string): bool`,
    (p: IpPrefix, text: string) => containsPrefix(p, toPrefix(text)),
    SYNC,
  );
  env.registerFunction(`${CIDR}.ip(): ${IP}`, (p: IpPrefix) => p.address, SYNC);
  env.registerFunction(
    `${CIDR}.masked(): ${CIDR}`,
    (p: IpPrefix) => p.masked(),
    SYNC,
  );
  env.registerFunction(
    `${CIDR}.prefixLength(): int`,
    (p: IpPrefix) => BigInt(p.bits),
    SYNC,
  );
  env.registerConstant('net', 'map<string, type>', {
    IP: env.evaluate('type(ip("0.0.0.0"))'),
    CIDR: env.evaluate('type(cidr("0.0.0.0/0"))'),
  });
}
