/** Which key sorts a list, and which way. */
export interface Sort<K extends string> {
  key: K;
  direction: 'asc' | 'desc';
}

/** A sorted copy: by the comparison of the sort's key, in its direction; ties in the order of `tieBreak`. */
export function sortBy<T, K extends string>(
  items: T[],
  sort: Sort<K>,
  compare: Record<K, (a: T, b: T) => number>,
  tieBreak: (a: T, b: T) => number,
): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const primary = compare[sort.key];
  return [...items].sort((a, b) => sign * primary(a, b) || tieBreak(a, b));
}
