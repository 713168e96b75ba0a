import { ENFORCEMENT_LEVELS, EnforcementLevel } from './types';

/** Position of a level in the order `observe`, `warn`, `block`, `auto-correct`. @public */
export function levelRank(level: EnforcementLevel): number {
  return ENFORCEMENT_LEVELS.indexOf(level);
}

/**
 * Compares two levels: negative when `a` is milder than `b`, zero when equal,
 * positive when stricter. Usable as an `Array.prototype.sort` comparator.
 * @public
 */
export function compareLevels(
  a: EnforcementLevel,
  b: EnforcementLevel,
): number {
  return levelRank(a) - levelRank(b);
}

/**
 * The strictest of the given levels, or undefined for none.
 * @public
 */
export function strictestLevel(
  levels: Iterable<EnforcementLevel>,
): EnforcementLevel | undefined {
  let strictest: EnforcementLevel | undefined;
  for (const level of levels) {
    if (strictest === undefined || compareLevels(level, strictest) > 0) {
      strictest = level;
    }
  }
  return strictest;
}

/**
 * Whether a failure at this level stops work (denied at admission, fails a
 * template or a CI check).
 * @public
 */
export function isEnforcingLevel(level: EnforcementLevel): boolean {
  return level === 'block' || level === 'auto-correct';
}
