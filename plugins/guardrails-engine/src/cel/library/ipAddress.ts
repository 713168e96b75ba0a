/*
 * IP addresses and prefixes as Go's net/netip parses and prints them, with
 * the restrictions Kubernetes adds: no zones, no IPv4-mapped IPv6 addresses.
 */

export class IpParseError extends Error {}

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address. */
export class IpAddress {
  static readonly celTypeName = 'net.IP';

  constructor(readonly bytes: Uint8Array) {}

  get family(): 4 | 6 {
    return this.bytes.length === 4 ? 4 : 6;
  }

  equals(other: unknown): boolean {
    return (
      other instanceof IpAddress &&
      other.bytes.length === this.bytes.length &&
      other.bytes.every((b, i) => b === this.bytes[i])
    );
  }

  toString(): string {
    if (this.family === 4) return this.bytes.join('.');
    const groups: number[] = [];
    for (let i = 0; i < 16; i += 2)
      groups.push((this.bytes[i] << 8) | this.bytes[i + 1]);
    // RFC 5952: the first longest run of two or more zero groups becomes '::'.
    let best = -1;
    let bestLength = 1;
    for (let i = 0; i < 8; ) {
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > bestLength) [best, bestLength] = [i, j - i];
      i = j === i ? i + 1 : j;
    }
    const hex = groups.map(g => g.toString(16));
    if (best < 0) return hex.join(':');
    return `${hex.slice(0, best).join(':')}::${hex
      .slice(best + bestLength)
      .join(':')}`;
  }
}

function parseIPv4(text: string, context: string): number[] {
  const fields = text.split('.');
  if (fields.length > 4)
    throw new IpParseError(`ParseAddr(${context}): IPv4 address too long`);
  if (fields.length < 4)
    throw new IpParseError(`ParseAddr(${context}): IPv4 address too short`);
  return fields.map(field => {
    if (!/^[0-9]{1,3}$/.test(field)) {
      throw new IpParseError(`ParseAddr(${context}): unexpected character`);
    }
    if (field.length > 1 && field.startsWith('0')) {
      throw new IpParseError(
        `ParseAddr(${context}): IPv4 field has octet with leading zero`,
      );
    }
    const value = Number(field);
    if (value > 255)
      throw new IpParseError(
        `ParseAddr(${context}): IPv4 field has value >255`,
      );
    return value;
  });
}

function parseIPv6(text: string, context: string): number[] {
  const fail = (why: string) =>
    new IpParseError(`ParseAddr(${context}): ${why}`);
  const halves = text.split('::');
  if (halves.length > 2) throw fail('multiple :: in address');
  const groupsOf = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    pieces.forEach((piece, i) => {
      if (piece.includes('.') && i === pieces.length - 1) {
        const [a, b, c, d] = parseIPv4(piece, context);
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        throw fail(
          `each colon-separated field must have at least one digit (at "${
            piece === '' ? `:${pieces.slice(i + 1).join(':')}` : piece
          }")`,
        );
      }
    });
    return out;
  };
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) {
    throw fail(
      missing < 0 ? 'IPv6 address too long' : 'IPv6 address too short',
    );
  }
  const groups = [
    ...head,
    ...Array(halves.length === 2 ? missing : 0).fill(0),
    ...tail,
  ];
  return groups.flatMap(g => [g >> 8, g & 255]);
}

/** An IP address as Kubernetes' ip() accepts it; throws IpParseError. */
export function parseIp(text: string): IpAddress {
  const quoted = JSON.stringify(text);
  const prefix = `IP Address ${quoted} parse error during conversion from string`;
  if (text.length > 64) throw new IpParseError(`${prefix}: too long`);
  if (text.includes('%')) {
    throw new IpParseError(
      `IP address ${quoted} with zone value is not allowed`,
    );
  }
  try {
    const bytes = text.includes(':')
      ? parseIPv6(text, quoted)
      : parseIPv4(text, quoted);
    const ip = new IpAddress(Uint8Array.from(bytes));
    if (
      ip.family === 6 &&
      bytes.slice(0, 12).join() === '0,0,0,0,0,0,0,0,0,0,255,255'
    ) {
      throw new IpParseError(
        `IPv4-mapped IPv6 address ${quoted} is not allowed`,
      );
    }
    return ip;
  } catch (error) {
    if (
      error instanceof IpParseError &&
      error.message.startsWith('ParseAddr')
    ) {
      throw new IpParseError(`${prefix}: ${error.message}`);
    }
    throw error;
  }
}

/** An address with a prefix length, as netip.Prefix. */
export class IpPrefix {
  static readonly celTypeName = 'net.CIDR';

  constructor(readonly address: IpAddress, readonly bits: number) {}

  equals(other: unknown): boolean {
    return (
      other instanceof IpPrefix &&
      other.bits === this.bits &&
      other.address.equals(this.address)
    );
  }

  masked(): IpPrefix {
    const bytes = this.address.bytes.map((b, i) => {
      const keep = Math.max(0, Math.min(8, this.bits - i * 8));
      return b & (0xff << (8 - keep)) & 0xff;
    });
    return new IpPrefix(new IpAddress(bytes), this.bits);
  }

  contains(ip: IpAddress): boolean {
    if (ip.family !== this.address.family) return false;
    return new IpPrefix(ip, this.bits).masked().equals(this.masked());
  }

  toString(): string {
    return `${this.address}/${this.bits}`;
  }
}

/** A prefix as Kubernetes' cidr() accepts it; throws IpParseError. */
export function parsePrefix(text: string): IpPrefix {
  const fail = (why: string) =>
    new IpParseError(
      `network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(
        text,
      )}): ${why}`,
    );
  const slash = text.lastIndexOf('/');
  if (slash < 0) throw fail("no '/'");
  const bitsText = text.slice(slash + 1);
  let address: IpAddress;
  try {
    address = parseIp(text.slice(0, slash));
  } catch (error) {
    throw fail((error as Error).message);
  }
  if (!/^(0|[1-9][0-9]{0,2})$/.test(bitsText))
    throw fail(`bad bits after slash: ${JSON.stringify(bitsText)}`);
  const bits = Number(bitsText);
  if (bits > (address.family === 4 ? 32 : 128)) {
    throw fail(`prefix length out of range`);
  }
  return new IpPrefix(address, bits);
}
