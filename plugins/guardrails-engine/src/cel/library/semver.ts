/*
 * Semantic versions as github.com/blang/semver/v4 parses and orders them
 * (Kubernetes' semver library), with the library's optional normalization.
 */

export class SemverError extends Error {}

type Identifier = string | bigint;

const NUMERIC = /^[0-9]+$/;
const ALPHANUMERIC = /^[0-9A-Za-z-]+$/;

function number(text: string, part: string): bigint {
  if (!NUMERIC.test(text))
    throw new SemverError(
      `Invalid character(s) found in ${part} number "${text}"`,
    );
  if (text.length > 1 && text.startsWith('0')) {
    throw new SemverError(
      `${part[0].toUpperCase()}${part.slice(
        1,
      )} number must not contain leading zeroes "${text}"`,
    );
  }
  const value = BigInt(text);
  if (value > 18446744073709551615n)
    throw new SemverError(`${part} number out of range`);
  return value;
}

function prerelease(text: string): Identifier {
  if (text === '') throw new SemverError('Prerelease is empty');
  if (NUMERIC.test(text)) {
    if (text.length > 1 && text.startsWith('0')) {
      throw new SemverError(
        `Prerelease must not contain leading zeroes "${text}"`,
      );
    }
    return BigInt(text);
  }
  if (!ALPHANUMERIC.test(text))
    throw new SemverError(`Invalid character(s) found in prerelease "${text}"`);
  return text;
}

/** A semantic version (the CEL type kubernetes.Semver). */
export class Semver {
  static readonly celTypeName = 'kubernetes.Semver';

  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: Identifier[],
    readonly build: string[],
  ) {}

  compare(other: Semver): -1 | 0 | 1 {
    for (const key of ['major', 'minor', 'patch'] as const) {
      if (this[key] !== other[key]) return this[key] < other[key] ? -1 : 1;
    }
    if (this.pre.length === 0 || other.pre.length === 0) {
      return Math.sign(other.pre.length - this.pre.length) as -1 | 0 | 1;
    }
    for (let i = 0; i < Math.min(this.pre.length, other.pre.length); i++) {
      const [a, b] = [this.pre[i], other.pre[i]];
      if (a === b) continue;
      // Numeric identifiers sort before alphanumeric ones.
      if (typeof a !== typeof b) return typeof a === 'bigint' ? -1 : 1;
      return a < b ? -1 : 1;
    }
    return Math.sign(this.pre.length - other.pre.length) as -1 | 0 | 1;
  }

  equals(other: unknown): boolean {
    return other instanceof Semver && this.compare(other) === 0;
  }

  toString(): string {
    const pre = this.pre.length ? `-${this.pre.join('.')}` : '';
    const build = this.build.length ? `+${this.build.join('.')}` : '';
    return `${this.major}.${this.minor}.${this.patch}${pre}${build}`;
  }
}

/** blang/semver's Parse. */
export function parseSemver(text: string): Semver {
  if (text.length === 0) throw new SemverError('Version string empty');
  const parts = text.split('.');
  if (parts.length < 3)
    throw new SemverError('No Major.Minor.Patch elements found');
  const rest = parts.slice(2).join('.');
  const major = number(parts[0], 'major');
  const minor = number(parts[1], 'minor');
  const plus = rest.indexOf('+');
  const withPre = plus < 0 ? rest : rest.slice(0, plus);
  const dash = withPre.indexOf('-');
  const patch = number(dash < 0 ? withPre : withPre.slice(0, dash), 'patch');
  const pre =
    dash < 0
      ? []
      : withPre
          .slice(dash + 1)
          .split('.')
          .map(prerelease);
  const build = plus < 0 ? [] : rest.slice(plus + 1).split('.');
  for (const b of build) {
    if (b === '') throw new SemverError('Build meta data is empty');
    if (!ALPHANUMERIC.test(b))
      throw new SemverError(
        `Invalid character(s) found in build meta data "${b}"`,
      );
  }
  return new Semver(major, minor, patch, pre, build);
}

/** Kubernetes' normalizeAndParse: no "v" prefix, missing minor/patch as 0, no leading zeros. */
export function parseSemverNormalized(text: string): Semver {
  const parts = (text.startsWith('v') ? text.slice(1) : text).split('.');
  const head =
    parts.length > 3 ? [...parts.slice(0, 2), parts.slice(2).join('.')] : parts;
  const trimmed = head.map(p => {
    if (p.length <= 1) return p;
    const t = p.replace(/^0+/, '');
    return t === '' || !/^[0-9]/.test(t) ? `0${t}` : t;
  });
  if (trimmed.length < 3) {
    if (/[+-]/.test(trimmed[trimmed.length - 1])) {
      throw new SemverError(
        'short version cannot contain PreRelease/Build meta data',
      );
    }
    while (trimmed.length < 3) trimmed.push('0');
  }
  return parseSemver(trimmed.join('.'));
}
